"""The users feature's worker job: portal sessions past their time are dropped hourly (the TTL
index does it on a real MongoDB; the embedded server keeps them until this job)."""

from backend.users import service
from backend.worker import JOBS, Job

JOBS.append(Job("sessions.purge", every_s=3600.0, run=service.purge_sessions))
