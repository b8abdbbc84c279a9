"""htmxtrame.app.asynchronous: trame's create_task / decorate_task / task rules."""

from __future__ import annotations

import asyncio
import gc
import logging

from htmxtrame.app import asynchronous


def test_task_decorator_schedules_on_the_running_loop_and_runs_at_the_next_await():
    ran = []

    @asynchronous.task
    async def work(x):
        ran.append(x)

    async def main():
        work(1)
        assert ran == []  # not run yet: it is a task on this loop
        await asyncio.sleep(0)
        assert ran == [1]

    asyncio.run(main())
    assert work.__name__ == "work"


def test_create_task_on_a_loop_that_is_not_running_yet_runs_when_it_runs():
    loop = asyncio.new_event_loop()
    try:
        done = []

        async def job():
            done.append(asyncio.get_running_loop())

        task = asynchronous.create_task(job(), loop=loop)
        assert isinstance(task, asyncio.Task) and done == []
        loop.run_until_complete(task)
        assert done == [loop]
    finally:
        loop.close()


def test_fire_and_forget_tasks_are_kept_alive_until_done():
    async def main():
        gate = asyncio.Event()
        out = []

        async def job():
            await gate.wait()
            out.append("done")

        before = asynchronous.get_number_of_pending_tasks()
        asynchronous.create_task(job())  # no reference kept by the caller
        gc.collect()
        assert asynchronous.get_number_of_pending_tasks() == before + 1
        gate.set()
        await asyncio.sleep(0.01)
        assert out == ["done"]
        assert asynchronous.get_number_of_pending_tasks() == before

    asyncio.run(main())


def test_decorate_task_logs_the_failure_and_returns_the_task(caplog):
    async def main():
        async def boom():
            raise ValueError("kaput")

        task = asyncio.get_running_loop().create_task(boom())
        assert asynchronous.decorate_task(task) is task
        await asyncio.sleep(0.01)

    with caplog.at_level(logging.ERROR):
        asyncio.run(main())
    assert "kaput" in caplog.text
