"""The repair feature's worker job: evidence files that no application or objection took within
their time are removed hourly (leased: one worker a period)."""

from backend.repair import evidence
from backend.worker import JOBS, Job

JOBS.append(Job("evidence_files.purge", every_s=evidence.PURGE_EVERY_S, run=evidence.purge))
