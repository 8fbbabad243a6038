"""The scheduler: dag runs from timetables and triggers, trigger rules, pools and priorities, retries,
executor events and zombies. :class:`Scheduler` runs as a child of the app's lifespan (``airgate lite``)
or on its own (``airgate scheduler``); :func:`Scheduler.wake` asks for a pass now."""

from airgate.gateway.scheduler.loop import Scheduler, scheduler_lifespan, serve

__all__ = ["Scheduler", "scheduler_lifespan", "serve"]
