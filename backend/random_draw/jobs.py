"""Published plans drawn on their draw day as a shared worker job: checked hourly, each plan drawn once."""

from backend.random_draw import service
from backend.worker import JOBS, Job

JOBS.append(Job(name="random_draw.due", every_s=3600, run=service.draw_due))
