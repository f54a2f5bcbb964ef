"""Tiny scripts whose traces were worked out by hand from asyncio 3.11.7's
source (base_events._run_once, tasks.Task.cancel/__step, tasks.wait_for,
taskgroups, timeouts, locks, runners). Run: python3 -m unittest
"""

import os
import sys
import textwrap
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import gen      # noqa: E402
import interp   # noqa: E402


def run(script):
    trace, _ = interp.run_text(textwrap.dedent(script).lstrip('\n'))
    return trace


def lines(text):
    return textwrap.dedent(text).strip('\n').split('\n')


class Traces(unittest.TestCase):
    maxDiff = None

    def check(self, script, expected):
        self.assertEqual(run(script), lines(expected))

    def test_language_md_example(self):
        self.check('''
            lock L1
            coro main
              spawn t1 c1
              sleep 1
              cancel t1 m1
              await t1
              return 3
            coro c1
              try
                sleep 3
              except cancelled return 7
            ''', '''
            0 Task-1 start main
            0 Task-1 @3 spawn t1 Task-2
            0 Task-2 start c1
            1 Task-1 @4 sleep
            1 Task-1 @5 cancel t1 -> True
            1 Task-2 @10 ! CancelledError('m1')
            1 Task-2 @9 caught CancelledError('m1')
            1 Task-2 end 7
            1 Task-1 @6 await t1 -> 7
            1 Task-1 end 3
            result 3
            time 1
            ''')

    def test_equal_deadlines_keep_their_order(self):
        # Two timers at 1, pushed in this order: heapq pops them in order.
        self.check('''
            coro main
              spawn t1 c1
              spawn t2 c2
              sleep 2
            coro c1
              sleep 1
            coro c2
              sleep 1
            ''', '''
            0 Task-1 start main
            0 Task-1 @2 spawn t1 Task-2
            0 Task-1 @3 spawn t2 Task-3
            0 Task-2 start c1
            0 Task-3 start c2
            1 Task-2 @6 sleep
            1 Task-2 end None
            1 Task-3 @8 sleep
            1 Task-3 end None
            2 Task-1 @4 sleep
            2 Task-1 end None
            result None
            time 2
            ''')

    EQUAL_DEADLINES = '''
            coro main
              spawn t1 c1
              spawn t2 c1
              spawn t3 c1
              spawn t4 c1
              sleep 2
            coro c1
              sleep 1
            '''

    def test_equal_deadlines_fire_in_the_order_they_were_set(self):
        # The timer pin: as on the real clock, the first set fires first.
        trace = run(self.EQUAL_DEADLINES)
        woke = [line.split()[1] for line in trace if ' @8 sleep' in line]
        self.assertEqual(woke, ['Task-2', 'Task-3', 'Task-4', 'Task-5'])

    def test_without_the_pin_equal_deadlines_follow_heapq(self):
        # CPython on a clock that stands still: the heap after the pushes
        # (main@2, then four timers @1) is [T2, T4, T3, M, T5]; heappop
        # gives T2, then T3, then T5 (the sift-up takes the right child on
        # ties), then T4.
        prog = interp.parse(textwrap.dedent(self.EQUAL_DEADLINES).lstrip('\n'))
        trace = interp.Interp(prog, heapq_timers=True).run()
        woke = [line.split()[1] for line in trace if ' @8 sleep' in line]
        self.assertEqual(woke, ['Task-2', 'Task-3', 'Task-5', 'Task-4'])

    def test_cancel_while_awaiting_a_task_cancels_that_task(self):
        # t1.cancel(): t1 waits on t2, so Task.cancel calls t2.cancel(),
        # which cancels t2's sleep future; t1 itself is not marked.
        self.check('''
            coro main
              spawn t1 c1
              sleep 0
              sleep 0
              cancel t1
              state t2
              await t1
            coro c1
              spawn t2 c2
              await t2
            coro c2
              sleep 5
            ''', '''
            0 Task-1 start main
            0 Task-1 @2 spawn t1 Task-2
            0 Task-2 start c1
            0 Task-2 @9 spawn t2 Task-3
            0 Task-1 @3 sleep
            0 Task-3 start c2
            0 Task-1 @4 sleep
            0 Task-1 @5 cancel t1 -> True
            0 Task-1 @6 state t2 done=False cancelled=False
            0 Task-3 @12 ! CancelledError()
            0 Task-3 end ! CancelledError()
            0 Task-2 @10 ! CancelledError()
            0 Task-2 end ! CancelledError()
            0 Task-1 @7 ! CancelledError()
            0 Task-1 end ! CancelledError()
            result ! CancelledError()
            time 0
            ''')

    def test_task_cancelled_before_its_first_step_logs_nothing(self):
        self.check('''
            coro main
              spawn t1 c1
              cancel t1
              try
                await t1
              except cancelled pass
            coro c1
              sleep 1
            ''', '''
            0 Task-1 start main
            0 Task-1 @2 spawn t1 Task-2
            0 Task-1 @3 cancel t1 -> True
            0 Task-1 @5 ! CancelledError()
            0 Task-1 @4 caught CancelledError()
            0 Task-1 end None
            result None
            time 0
            ''')

    def test_wait_for_timeout_first_in_the_same_tick(self):
        # wait_for's timer (pushed first) and the task's sleep both at 2:
        # the waiter is released first; the task is not done yet, so
        # wait_for cancels it (its sleep future is already done:
        # _must_cancel) and raises TimeoutError although the sleep ended.
        self.check('''
            coro main
              wait_for c1 2
            coro c1
              sleep 2
              return 5
            ''', '''
            0 Task-1 start main
            0 Task-2 start c1
            2 Task-2 @4 ! CancelledError()
            2 Task-2 end ! CancelledError()
            2 Task-1 @2 ! TimeoutError()
            2 Task-1 end ! TimeoutError()
            result ! TimeoutError()
            time 2
            ''')

    def test_wait_for_task_first_in_the_same_tick(self):
        # The task's sleep timer is pushed before wait_for's: the task
        # finishes first and wait_for returns its value.
        self.check('''
            coro main
              spawn t1 c1
              sleep 0
              wait_for t1 2
            coro c1
              sleep 2
              return 5
            ''', '''
            0 Task-1 start main
            0 Task-1 @2 spawn t1 Task-2
            0 Task-2 start c1
            0 Task-1 @3 sleep
            2 Task-2 @6 sleep
            2 Task-2 end 5
            2 Task-1 @4 wait_for -> 5
            2 Task-1 end None
            result None
            time 2
            ''')

    def test_timeout_and_sleep_at_the_same_deadline(self):
        self.check('''
            coro main
              timeout 2
                sleep 2
            ''', '''
            0 Task-1 start main
            0 Task-1 @2 timeout
            2 Task-1 @3 ! CancelledError()
            2 Task-1 @2 exit ! TimeoutError() expired=True
            2 Task-1 end ! TimeoutError()
            result ! TimeoutError()
            time 2
            ''')

    def test_released_lock_reads_unlocked_until_the_waiter_runs(self):
        self.check('''
            lock L1
            coro main
              acquire L1
              spawn t1 c1
              sleep 0
              release L1
              locked L1
              sleep 0
              locked L1
            coro c1
              acquire L1
              sleep 1
              release L1
            ''', '''
            0 Task-1 start main
            0 Task-1 @3 acquire L1
            0 Task-1 @4 spawn t1 Task-2
            0 Task-2 start c1
            0 Task-1 @5 sleep
            0 Task-1 @6 release L1
            0 Task-1 @7 locked L1 False
            0 Task-2 @11 acquire L1
            0 Task-1 @8 sleep
            0 Task-1 @9 locked L1 True
            0 Task-1 end None
            0 Task-2 @12 ! CancelledError()
            0 Task-2 end ! CancelledError()
            result None
            time 0
            ''')

    def test_shutdown_runs_the_step_of_a_task_woken_by_mains_last_set(self):
        # main's end schedules _run_until_complete_cb after the waiter's
        # wakeup: the waiter runs one step before the loop stops, then
        # _cancel_all_tasks cancels its sleep.
        self.check('''
            event E1
            coro main
              spawn t1 c1
              sleep 0
              set E1
            coro c1
              wait E1
              sleep 1
            ''', '''
            0 Task-1 start main
            0 Task-1 @3 spawn t1 Task-2
            0 Task-2 start c1
            0 Task-1 @4 sleep
            0 Task-1 @5 set E1
            0 Task-1 end None
            0 Task-2 @7 wait E1
            0 Task-2 @8 ! CancelledError()
            0 Task-2 end ! CancelledError()
            result None
            time 0
            ''')

    def test_taskgroup_member_fails_before_its_sibling_starts(self):
        # The sibling is cancelled before its first step (no `start`). In
        # 3.11 __aexit__ checks _parent_cancel_requested before waiting, so
        # the parent's cancellation request is never uncancelled.
        self.check('''
            coro main
              try
                taskgroup
                  tg_spawn t1 c1
                  sleep 0
                  tg_spawn t2 c2
              except error pass
              state t2
              cancelling
            coro c1
              raise a
            coro c2
              sleep 1
            ''', '''
            0 Task-1 start main
            0 Task-1 @3 taskgroup
            0 Task-1 @4 tg_spawn t1 Task-2
            0 Task-2 start c1
            0 Task-2 @11 ! Boom('a')
            0 Task-2 end ! Boom('a')
            0 Task-1 @5 sleep
            0 Task-1 @6 tg_spawn t2 Task-3
            0 Task-1 @3 exit ! ExceptionGroup('unhandled errors in a TaskGroup', [Boom('a')])
            0 Task-1 @2 caught ExceptionGroup('unhandled errors in a TaskGroup', [Boom('a')])
            0 Task-1 @8 state t2 done=True cancelled=True
            0 Task-1 @9 cancelling 1
            0 Task-1 end None
            result None
            time 0
            ''')

    def test_return_inside_taskgroup_leaves_it_normally(self):
        self.check('''
            coro main
              taskgroup
                tg_spawn t1 c1
                return 3
            coro c1
              sleep 1
              return 2
            ''', '''
            0 Task-1 start main
            0 Task-1 @2 taskgroup
            0 Task-1 @3 tg_spawn t1 Task-2
            0 Task-2 start c1
            1 Task-2 @6 sleep
            1 Task-2 end 2
            1 Task-1 @2 exit
            1 Task-1 end 3
            result 3
            time 1
            ''')

    def test_as_completed_yields_done_tasks_in_argument_order(self):
        # Pinned: todo is insertion-ordered, so the done callbacks are
        # scheduled t2 first.
        self.check('''
            coro main
              spawn t1 c1
              spawn t2 c2
              sleep 1
              as_completed t2 t1 timeout=none
            coro c1
              return 1
            coro c2
              return 2
            ''', '''
            0 Task-1 start main
            0 Task-1 @2 spawn t1 Task-2
            0 Task-1 @3 spawn t2 Task-3
            0 Task-2 start c1
            0 Task-2 end 1
            0 Task-3 start c2
            0 Task-3 end 2
            1 Task-1 @4 sleep
            1 Task-1 @5 next -> 2
            1 Task-1 @5 next -> 1
            1 Task-1 end None
            result None
            time 1
            ''')

    def test_later_cancel_in_the_same_tick_as_the_sleep(self):
        self.check('''
            coro main
              spawn t1 c1
              later 1 cancel t1
              await t1
            coro c1
              sleep 1
              return 4
            ''', '''
            0 Task-1 start main
            0 Task-1 @2 spawn t1 Task-2
            0 Task-1 @3 later
            0 Task-2 start c1
            1 cb @3 cancel t1 -> True
            1 Task-2 @6 ! CancelledError()
            1 Task-2 end ! CancelledError()
            1 Task-1 @4 ! CancelledError()
            1 Task-1 end ! CancelledError()
            result ! CancelledError()
            time 1
            ''')

    def test_callback_exception_is_logged_and_swallowed(self):
        self.check('''
            lock L1
            coro main
              soon release L1
              sleep 0
            ''', '''
            0 Task-1 start main
            0 Task-1 @3 soon
            0 cb @3 ! RuntimeError('Lock is not acquired.')
            0 Task-1 @4 sleep
            0 Task-1 end None
            result None
            time 0
            ''')

    def test_reports_never_retrieved_and_shutdown_error(self):
        self.check('''
            coro main
              spawn t1 c1
              spawn t2 c2
              sleep 0
            coro c1
              raise a
            coro c2
              try
                sleep 5
              except cancelled pass
              raise b
            ''', '''
            0 Task-1 start main
            0 Task-1 @2 spawn t1 Task-2
            0 Task-1 @3 spawn t2 Task-3
            0 Task-2 start c1
            0 Task-2 @6 ! Boom('a')
            0 Task-2 end ! Boom('a')
            0 Task-3 start c2
            0 Task-1 @4 sleep
            0 Task-1 end None
            0 Task-3 @9 ! CancelledError()
            0 Task-3 @8 caught CancelledError()
            0 Task-3 @11 ! Boom('b')
            0 Task-3 end ! Boom('b')
            result None
            report never-retrieved Task-2: Boom('a')
            report shutdown-error Task-3: Boom('b')
            time 0
            ''')

    def test_task_spawned_during_shutdown_is_destroyed_pending(self):
        self.check('''
            coro main
              spawn t1 c1
              sleep 0
            coro c1
              try
                sleep 5
              except cancelled pass
              spawn t2 c2
            coro c2
              sleep 1
            ''', '''
            0 Task-1 start main
            0 Task-1 @2 spawn t1 Task-2
            0 Task-2 start c1
            0 Task-1 @3 sleep
            0 Task-1 end None
            0 Task-2 @6 ! CancelledError()
            0 Task-2 @5 caught CancelledError()
            0 Task-2 @8 spawn t2 Task-3
            0 Task-2 end None
            0 Task-3 start c2
            result None
            report destroyed-pending Task-3: -
            time 0
            ''')

    def test_tasks_created_during_shutdown_see_its_tasks(self):
        # After _cancel_all_tasks' gather, shutdown_asyncgens() and
        # shutdown_default_executor() each run as a task (Task-4, Task-5)
        # for two loop iterations; Task-3, spawned during the shutdown, runs
        # one step in each iteration (and ends in the last one).
        self.check('''
            coro main
              spawn t1 c1
            coro c1
              try
                sleep 1
              except cancelled pass
              spawn t2 c2
            coro c2
              repeat 4
                sleep 0
                all_tasks
            ''', '''
            0 Task-1 start main
            0 Task-1 @2 spawn t1 Task-2
            0 Task-1 end None
            0 Task-2 start c1
            0 Task-2 @5 ! CancelledError()
            0 Task-2 @4 caught CancelledError()
            0 Task-2 @7 spawn t2 Task-3
            0 Task-2 end None
            0 Task-3 start c2
            0 Task-3 @10 sleep
            0 Task-3 @11 all_tasks [Task-3]
            0 Task-3 @10 sleep
            0 Task-3 @11 all_tasks [Task-3 Task-4]
            0 Task-3 @10 sleep
            0 Task-3 @11 all_tasks [Task-3]
            0 Task-3 @10 sleep
            0 Task-3 @11 all_tasks [Task-3 Task-5]
            0 Task-3 end None
            result None
            time 0
            ''')

    def test_deadlock(self):
        self.check('''
            event E1
            coro main
              spawn t1 c1
              wait E1
            coro c1
              sleep 1
            ''', '''
            0 Task-1 start main
            0 Task-1 @3 spawn t1 Task-2
            0 Task-2 start c1
            1 Task-2 @6 sleep
            1 Task-2 end None
            DEADLOCK pending=[Task-1]
            ''')

    def test_unset_variable(self):
        self.check('''
            coro main
              await t1
              spawn t1 c1
            coro c1
              return 1
            ''', '''
            0 Task-1 start main
            0 Task-1 @2 unset t1
            0 Task-1 @3 spawn t1 Task-2
            0 Task-1 end None
            0 Task-2 start c1
            0 Task-2 end 1
            result None
            time 0
            ''')

    def test_names_do_not_depend_on_earlier_runs(self):
        script = 'coro main\n  spawn t1 c1\ncoro c1\n  return 1\n'
        self.assertEqual(run(script), run(script))


class Parsing(unittest.TestCase):
    def bad(self, script):
        with self.assertRaises(interp.ScriptError):
            interp.parse(textwrap.dedent(script).lstrip('\n'))

    def test_rejects(self):
        self.bad('coro main\n  spawn t1 main\n')             # not after main
        self.bad('coro main\n  sleep 1\ncoro c1\n  call c1\n')  # recursion
        self.bad('coro main\n  tg_spawn t1 c1\ncoro c1\n  sleep 1\n')
        self.bad('cond C1\ncoro main\n  notify C1 1\n')
        self.bad('bsem B1 1\ncoro main\n  acquire B1\n')
        self.bad('coro main\n  soon sleep 1\n')
        self.bad('coro main\n  try\n    sleep 1\n')
        self.bad('coro main\n  wait t1 when=ALL\n')

    def test_generated_programs_parse(self):
        for seed in range(1, 30):
            interp.parse(gen.generate(seed))


if __name__ == '__main__':
    unittest.main()
