"""The monthly edition as a shared worker job: checked daily, published once across all workers."""

from backend.lists import service
from backend.worker import JOBS, Job

JOBS.append(Job(name="lists.monthly_edition", every_s=24 * 3600, run=service.publish_due))
