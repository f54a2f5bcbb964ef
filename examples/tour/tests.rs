//! Each program's whole output, pinned by a snapshot, and the lines the seeds
//! print, checked by hand, so that a wrong snapshot cannot hide a wrong
//! answer. Snapshots live in `snapshots/`; after a deliberate change, review
//! them with `cargo insta review` (or `INSTA_UPDATE=always`, then read them).

use std::collections::HashSet;

use resumable::generator::{from_iter, prime};
use resumable::{Generator, Lifecycle};

use crate::calculator::pair_calc;
use crate::console::capture;
use crate::pipeline::find_even_prime;
use crate::{run_tour, select, Program, PROGRAMS};

fn lines(output: &str) -> Vec<&str> {
    output.lines().collect()
}

#[test]
fn iterators() {
    let output = capture(crate::iterators::run);
    insta::assert_snapshot!("iterators", output);
    let python = ["1", "2", "3", "4", "5"];
    assert_eq!(lines(&output)[..5], python, "for i in num_list");
    assert_eq!(lines(&output)[5..10], python, "next(itr) five times");
    assert_eq!(lines(&output)[10..], ["StopIteration", "1", "2", "True"]);
}

#[test]
fn simple_iterator() {
    let output = capture(crate::simple_iterator::run);
    insta::assert_snapshot!("simple_iterator", output);
    assert!(output.starts_with("1\n1\n1\nStopIteration\n1\n1\n1\n1\n1\n"));
}

#[test]
fn test_gen() {
    let output = capture(crate::test_gen::run);
    insta::assert_snapshot!("test_gen", output);
    assert_eq!(
        lines(&output),
        ["Первый yield", "Второй yield", "Последний yield"]
    );
}

#[test]
fn custom_range() {
    let output = capture(crate::custom_range::run);
    insta::assert_snapshot!("custom_range", output);
    assert_eq!(lines(&output), ["0", "1", "2", "3", "StopIteration"]);
}

#[test]
fn arithmetic_progression() {
    let output = capture(crate::arithmetic_progression::run);
    insta::assert_snapshot!("arithmetic_progression", output);
    let terms: Vec<String> = (0..10).map(|k| (1 + 2 * k).to_string()).collect();
    let lines = lines(&output);
    let (class, generator) = lines.split_at(10);
    assert_eq!(class, terms, "AP(1, 2, 10)");
    assert_eq!(generator, terms, "ap(1, 2, 10)");
}

#[test]
fn find_prime() {
    let output = capture(crate::find_prime::run);
    insta::assert_snapshot!("find_prime", output);
    assert_eq!(
        lines(&output),
        ["2", "3", "5", "7", "11", "13", "17", "19", "23", "29"]
    );
}

#[test]
fn pipeline() {
    let output = capture(crate::pipeline::run);
    insta::assert_snapshot!("pipeline", output);
    assert_eq!(output, "2\n");
}

#[test]
fn pipeline_takes_any_iterable_as_its_source() {
    let mut evens = find_even_prime(from_iter([3, 4, 7, 8]));
    assert_eq!(evens.iter().collect::<Vec<_>>(), [4, 8]);
}

#[test]
fn numbers_range() {
    let output = capture(crate::numbers_range::run);
    insta::assert_snapshot!("numbers_range", output);
    assert_eq!(lines(&output), ["[0, 1, 2, 3]", "[0, 1, 2, 3]"]);
}

#[test]
fn hello_world() {
    let output = capture(crate::hello_world::run);
    insta::assert_snapshot!("hello_world", output);
    // The space after `!` is Python's last `end=' '`. insta trims trailing
    // whitespace, so only this line pins it.
    assert_eq!(output, "Hello, World ! \n");
}

#[test]
fn single_use() {
    let output = capture(crate::single_use::run);
    insta::assert_snapshot!("single_use", output);
    assert_eq!(lines(&output), ["True", "False"]);
}

#[test]
fn calculator() {
    let output = capture(crate::calculator::run);
    insta::assert_snapshot!("calculator", output);
    assert_eq!(lines(&output)[..4], ["1", "100", "666", "[1, 100, 666]"]);
    assert_eq!(lines(&output)[4], "# after c.close(): Closed");
    assert_eq!(lines(&output)[5..], ["3", "130", "666", "[3, 130, 666]"]);
}

#[test]
fn coroutine_decorator() {
    let output = capture(crate::coroutine_decorator::run);
    insta::assert_snapshot!("coroutine_decorator", output);
    assert_eq!(lines(&output), ["3", "130", "666", "[3, 130, 666]"]);
}

#[test]
fn coroutine_decorator_hands_back_a_suspended_coroutine() {
    assert_eq!(prime(pair_calc()).state(), Lifecycle::Suspended);
}

#[test]
fn grep() {
    let output = capture(crate::grep::run);
    insta::assert_snapshot!("grep", output);
    assert_eq!(
        lines(&output),
        ["Searching for coroutine", "I love coroutines instead!"]
    );
}

/// A `repr` line with its address as its shape: `<generator object x at
/// 0x...>`, or the line unchanged if it has no address.
fn address_shape(line: &str) -> String {
    match line.split_once(" at 0x") {
        Some((object, address)) if address.strip_suffix('>').is_some_and(is_hex) => {
            format!("{object} at 0x...>")
        }
        _ => line.to_owned(),
    }
}

fn is_hex(digits: &str) -> bool {
    !digits.is_empty() && digits.chars().all(|c| c.is_ascii_hexdigit())
}

#[test]
fn coroutine_repr() {
    let output = capture(crate::coroutine_repr::run);
    let shapes: Vec<String> = lines(&output).into_iter().map(address_shape).collect();
    insta::assert_snapshot!("coroutine_repr", shapes.join("\n"));
    assert_eq!(
        shapes,
        [
            "<generator object x at 0x...>",
            "<coroutine object main at 0x...>",
            "<coroutine object rocket at 0x...>",
        ],
        "{output}"
    );
}

#[test]
fn stop_iteration_value() {
    let output = capture(crate::stop_iteration_value::run);
    insta::assert_snapshot!("stop_iteration_value", output);
    assert_eq!(output, "abc\n");
}

#[test]
fn cancelled() {
    let output = capture(crate::cancelled::run);
    insta::assert_snapshot!("cancelled", output);
    assert_eq!(lines(&output), ["I was cancelled!", "StopIteration"]);
}

/// The seed's lines for `connect_to_user`'s users 1 to 4 connecting.
const CONNECTING: [&str; 4] = [
    "Подключаюсь к 1",
    "Подключаюсь к 2",
    "Подключаюсь к 3",
    "Подключаюсь к 4",
];

#[test]
fn round_robin() {
    let output = capture(crate::round_robin::run);
    insta::assert_snapshot!("round_robin", output);
    // 50 steps of each: the counter's 0..=49, and a Go! on the printer's
    // steps 3, 6, ..., 48, each right after the count printed before it.
    let mut python = Vec::new();
    for cnt in 0..50 {
        python.push(cnt.to_string());
        if (cnt + 1) % 3 == 0 {
            python.push("Go!".to_owned());
        }
    }
    assert_eq!(lines(&output), python);
    assert_eq!(lines(&output)[..5], ["0", "1", "2", "Go!", "3"]);
}

#[test]
fn run_generators() {
    let output = capture(crate::run_generators::run);
    insta::assert_snapshot!("run_generators", output);
    let seed = [
        "Задача 1: Начало загрузки данных",
        "Задача 2: Начало загрузки данных",
        "Задача 2: Данные загружены после 3 секунд",
        "Задача 1: Данные загружены после 4 секунд",
    ];
    assert_eq!(lines(&output)[..4], seed, "run_generators, by hand");
    assert_eq!(lines(&output)[4..], seed, "gather on the event loop");
}

#[test]
fn rocket() {
    let output = capture(crate::rocket::run);
    insta::assert_snapshot!("rocket", output);
    assert_eq!(lines(&output)[..4], ["1", "2", "3", "Go!"]);
    assert_eq!(lines(&output)[4], "# on the loop's clock: 3.0 s");
}

#[test]
fn factorial() {
    let output = capture(crate::factorial::run);
    insta::assert_snapshot!("factorial", output);
    let lines = lines(&output);
    assert_eq!(
        lines[..4],
        [
            "Task A: Compute factorial(2)...",
            "Task A: Compute factorial(3)...",
            "Task A: Compute factorial(4)...",
            "Task A: factorial(4) = 24",
        ]
    );
    assert_eq!(
        lines[4..13],
        [
            "Task A: Compute factorial(2)...",
            "Task B: Compute factorial(2)...",
            "Task C: Compute factorial(2)...",
            "Task A: factorial(2) = 2",
            "Task B: Compute factorial(3)...",
            "Task C: Compute factorial(3)...",
            "Task B: factorial(3) = 6",
            "Task C: Compute factorial(4)...",
            "Task C: factorial(4) = 24",
        ]
    );
    // CPython's order; seed 003 moves "Task C: factorial(2) = 2" two lines up.
    assert_eq!(
        lines[13..],
        [
            "Task A: Compute factorial(2)...",
            "Task B: Compute factorial(2)...",
            "Task C: Compute factorial(2)...",
            "Task A: Compute factorial(3)...",
            "Task B: Compute factorial(3)...",
            "Task C: factorial(2) = 2",
            "Task A: Compute factorial(4)...",
            "Task B: factorial(3) = 6",
            "Task A: factorial(4) = 24",
            "[24, 6, 2]",
        ]
    );
}

#[test]
fn never_awaited() {
    let output = capture(crate::never_awaited::run);
    insta::assert_snapshot!("never_awaited", output);
    let types = ["<class 'fn() -> Nested'>", "<class 'Nested'>"];
    assert_eq!(
        lines(&output)[..2],
        types,
        "Rust's types for function and coroutine"
    );
    assert_eq!(lines(&output)[2..], ["42"], "print(await nested())");
}

#[test]
fn await_generator() {
    let output = capture(crate::await_generator::run);
    insta::assert_snapshot!("await_generator", output);
    // The TypeError of the first program is a compile error here.
    assert_eq!(lines(&output), ["1", "1", "1"]);
}

#[test]
fn quick_start() {
    let output = capture(crate::quick_start::run);
    insta::assert_snapshot!("quick_start", output);
    assert_eq!(
        lines(&output),
        [
            "Task A started",
            "Task B started",
            "Task C started",
            "Task B finished",
            "Task A finished",
            "Task C finished",
            "Task1: processing data...",
            "Task1: fetching data...",
            "Task2: processing data...",
            "Task2: fetching data...",
            "Task3: processing data...",
            "Task3: fetching data...",
            "Task2: data received!",
            "Task2: processed Task2: data",
            "Task1: data received!",
            "Task1: processed Task1: data",
            "Task3: data received!",
            "Task3: processed Task3: data",
        ]
    );
}

#[test]
fn say_after_clock() {
    let output = capture(crate::say_after_clock::run);
    insta::assert_snapshot!("say_after_clock", output);
    assert_eq!(
        lines(&output),
        [
            "Started at 16:28:52",
            "hello,",
            "world",
            "finished at 16:28:55",
            "started at 16:28:55",
            "hello,",
            "world",
        ]
    );
}

#[test]
fn no_running_loop() {
    let output = capture(crate::no_running_loop::run);
    insta::assert_snapshot!("no_running_loop", output);
    assert_eq!(lines(&output), ["RuntimeError: no running event loop"]);
}

#[test]
fn async_function() {
    let output = capture(crate::async_function::run);
    insta::assert_snapshot!("async_function", output);
    assert_eq!(lines(&output), ["42", "# on the loop's clock: 1.0 s"]);
}

#[test]
fn set_future() {
    let output = capture(crate::set_future::run);
    insta::assert_snapshot!("set_future", output);
    assert_eq!(lines(&output), ["42", "# on the loop's clock: 1.0 s"]);
}

#[test]
fn say_after() {
    let output = capture(crate::say_after::run);
    insta::assert_snapshot!("say_after", output);
    assert_eq!(
        lines(&output),
        [
            "hello",
            " world",
            "Time: 3.0",
            "hello",
            "world",
            "Time: 2.0"
        ]
    );
}

#[test]
fn timeline() {
    let output = capture(crate::timeline::run);
    insta::assert_snapshot!("timeline", output);
    let lines = lines(&output);
    assert_eq!(
        lines[..4],
        ["hello", "world", "Time: 2.0", "# rt.timeline():"]
    );
    assert!(lines.contains(&"   0.000s  Task-2  ran, sleeps 1s"));
    assert!(lines.contains(&"   0.000s  Task-3  ran, sleeps 2s"));
    assert!(lines.contains(&"   2.000s  Task-1  ran, returned"));
    // asyncio.run's shutdown: shutdown_asyncgens(), shutdown_default_executor().
    assert_eq!(lines[lines.len() - 3], "   2.000s  Task-5  ran, returned");
    assert_eq!(
        lines[lines.len() - 2..],
        [
            "# rt.timeline_svg() written to target/tour-timeline.svg",
            "# rt.timeline_json() written to target/tour-timeline.json",
        ]
    );
    // Only their existence: the whole-tour test may be rewriting them now.
    for file in ["tour-timeline.svg", "tour-timeline.json"] {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("target")
            .join(file);
        assert!(path.exists(), "{file}");
    }
}

#[test]
fn create_task() {
    let output = capture(crate::create_task::run);
    insta::assert_snapshot!("create_task", output);
    assert_eq!(
        lines(&output),
        [
            "Task 1 started",
            "Task 2 started",
            "Task 2 completed",
            "Началось ли выполнение?",
            "Task 1 completed",
        ]
    );
}

#[test]
fn task_methods() {
    let output = capture(crate::task_methods::run);
    insta::assert_snapshot!("task_methods", output);
    assert_eq!(
        lines(&output),
        [
            "hello",
            "False",
            "True",
            "Задача все еще выполняется",
            "'123'",
            "Задача завершена",
            "Задача завершена",
            // The seed's notebook had run 38 tasks before: 'Task-39', 'Task-40'.
            "'Task-6'",
            "'Task-7'",
        ]
    );
}

#[test]
fn ensure_future() {
    let output = capture(crate::ensure_future::run);
    insta::assert_snapshot!("ensure_future", output);
    assert_eq!(
        lines(&output),
        [
            "Завершено!",
            "# on the loop's clock: 2.0 s",
            "Операция 0 завершена",
            "Операция 1 завершена",
            "Операция 2 завершена",
            "# on the loop's clock: 2.0 s",
        ]
    );
}

#[test]
fn future() {
    let output = capture(crate::future::run);
    insta::assert_snapshot!("future", output);
    let lines = lines(&output);
    assert_eq!(lines[0], "Результат готов!");
    assert_eq!(lines[1], "<class 'Promise<&str>'>"); // <class 'asyncio.futures.Future'>
    assert_eq!(
        lines[2..],
        [
            "Future с результатом 'Результат 2' завершен",
            "Обработан результат: Результат 2",
            "Future с результатом 'Результат 1' завершен",
            "Обработан результат: Результат 1",
            "Future с результатом 'Результат 3' завершен",
            "Обработан результат: Результат 3",
        ]
    );
}

#[test]
fn fetch() {
    let output = capture(crate::fetch::run);
    insta::assert_snapshot!("fetch", output);
    let processed = [
        "Обработан результат 1",
        "Обработан результат 2",
        "Обработан результат 3",
    ];
    let lines = lines(&output);
    assert_eq!(lines[0], "<class 'Task<String>'>"); // <class 'asyncio.tasks.Task'>
    assert_eq!(lines[1..4], processed);
    assert_eq!(lines[4], "# on the loop's clock: 1.0 s");
    assert_eq!(lines[5..8], processed);
    assert_eq!(lines[8], "# on the loop's clock: 3.0 s");
}

#[test]
fn as_completed() {
    let output = capture(crate::as_completed::run);
    insta::assert_snapshot!("as_completed", output);
    assert_eq!(
        lines(&output),
        [
            "Task 2 data fetched after 1 seconds",
            "Task 3 data fetched after 2 seconds",
            "Task 1 data fetched after 3 seconds",
        ]
    );
}

#[test]
fn delay_message() {
    let output = capture(crate::delay_message::run);
    insta::assert_snapshot!("delay_message", output);
    assert_eq!(
        lines(&output)[..9],
        [
            "18:01:06:MainThread:Main started",
            // The seed's notebook counts one task more: 2 and 4.
            "18:01:06:MainThread:Текущие зарегистрированные задания: 1",
            "18:01:06:MainThread:Создадим задания",
            "18:01:06:MainThread:Текущие зарегистрированные задания: 3",
            "18:01:06:MainThread:TWO SECONDS AWAIT received",
            "18:01:06:MainThread:THREE SECONDS AWAIT received",
            "18:01:08:MainThread:Printing TWO SECONDS AWAIT",
            "18:01:09:MainThread:Printing THREE SECONDS AWAIT",
            "18:01:09:MainThread:Main Ended",
        ]
    );
    assert_eq!(
        lines(&output)[9..],
        [
            "18:02:08:MainThread:Main started",
            "18:02:08:MainThread:Создаем несколько заданий с помощью asyncio.gather",
            "18:02:08:MainThread:WAITING 6 SECONDS received",
            "18:02:08:MainThread:WAITING 5 SECONDS received",
            "18:02:08:MainThread:WAITING 4 SECONDS received",
            "18:02:08:MainThread:WAITING 3 SECONDS received",
            "18:02:08:MainThread:WAITING 2 SECONDS received",
            "18:02:08:MainThread:WAITING 1 SECONDS received",
            "18:02:09:MainThread:Printing WAITING 1 SECONDS",
            "18:02:10:MainThread:Printing WAITING 2 SECONDS",
            "18:02:11:MainThread:Printing WAITING 3 SECONDS",
            "18:02:12:MainThread:Printing WAITING 4 SECONDS",
            "18:02:13:MainThread:Printing WAITING 5 SECONDS",
            "18:02:14:MainThread:Printing WAITING 6 SECONDS",
            "18:02:14:MainThread:Main Ended",
        ]
    );
}

#[test]
fn blocking_sleep() {
    let output = capture(crate::blocking_sleep::run);
    // `19:14:17:MainThread:...` without the time, which is the real clock's.
    let logged: Vec<&str> = lines(&output).into_iter().map(|l| &l[9..]).collect();
    insta::assert_snapshot!("blocking_sleep", logged.join("\n"));
    let received = |i: u32| format!("MainThread:WAITING {i} SECONDS received");
    let printing = |i: u32| format!("MainThread:Printing WAITING {i} SECONDS");
    let mut python = vec![
        "MainThread:Main started".to_owned(),
        "MainThread:Creating multiple tasks with asyncio.gather".to_owned(),
    ];
    python.extend((6..=10).rev().map(received));
    python.push(printing(6)); // before anyone else: the loop was blocked
    python.extend((1..=5).rev().map(received));
    python.extend([7, 1, 8, 2, 9, 3, 10, 4, 5].map(printing));
    python.push("MainThread:Main Ended".to_owned());
    assert_eq!(logged, python);
    assert!(output.starts_with("19:14:17:MainThread:Main started"));
}

#[test]
fn db_update() {
    let output = capture(crate::db_update::run);
    insta::assert_snapshot!("db_update", output);
    assert_eq!(
        lines(&output),
        [
            "17:24:06:MainThread:Update Started",
            "17:24:06:MainThread:Sleeping",
            "17:24:06:MainThread:Update Started",
            "17:24:06:MainThread:Sleeping",
            "17:24:08:MainThread:Reading Value From Db: 0",
            "17:24:08:MainThread:Updating Value",
            "17:24:08:MainThread:Update Finished",
            "17:24:08:MainThread:Reading Value From Db: 1",
            "17:24:08:MainThread:Updating Value",
            "17:24:08:MainThread:Update Finished",
            "17:24:08:MainThread:Final value is 2",
        ]
    );
}

#[test]
fn connect_to_user() {
    let output = capture(crate::connect_to_user::run);
    insta::assert_snapshot!("connect_to_user", output);
    let sending = [
        "Отправляю команду test пользователю 1",
        "Отправляю команду test пользователю 2",
        "Отправляю команду test пользователю 3",
        "Отправляю команду test пользователю 4",
    ];
    let lines = lines(&output);
    let (all_connect, rest) = lines.split_at(8);
    assert_eq!(all_connect[..4], CONNECTING);
    assert_eq!(all_connect[4..], sending);
    let (raised, collected) = rest.split_at(5);
    assert_eq!(raised[..4], CONNECTING);
    assert_eq!(raised[4], "OSError: Не могу подключиться к 4");
    assert_eq!(collected[..4], CONNECTING);
    assert_eq!(collected[4..7], sending[..3]);
    assert_eq!(
        collected[7..],
        ["[None, None, None, OSError('Не могу подключиться к 4')]"]
    );
}

#[test]
fn shield() {
    let output = capture(crate::shield::run);
    insta::assert_snapshot!("shield", output);
    assert_eq!(
        lines(&output),
        [
            "Старт задачи...",
            "Отмена!",
            "А что со мной хотели сделать?"
        ]
    );
}

#[test]
fn wait_for() {
    let output = capture(crate::wait_for::run);
    insta::assert_snapshot!("wait_for", output);
    assert_eq!(
        lines(&output),
        [
            "Какая-то не очень быстрая ...",
            "Отправка сообщения 'Привет!' пользователю 123",
            "Время ожидания ответа от пользователя 123 истекло",
            "Начало отправки важного сообщения",
            "CancelledError",
        ]
    );
}

#[test]
fn wait() {
    let output = capture(crate::wait::run);
    insta::assert_snapshot!("wait", output);
    assert_eq!(
        lines(&output),
        [
            "hello ...",
            "{<Task finished name='Task-1'>}",
            "{<Task pending name='Task-2'>}",
            "hello ...",
            "{<Task finished name='Task-6'>}",
            "{<Task pending name='Task-7'>}",
            "hello ...",
            "... world!",
            "{<Task finished name='Task-11'>, <Task finished name='Task-12'>}",
            "set()",
        ]
    );
}

#[test]
fn wait_first_exception() {
    let output = capture(crate::wait_first_exception::run);
    insta::assert_snapshot!("wait_first_exception", output);
    assert_eq!(
        lines(&output),
        [
            "Задача 1 завершилась",
            "Завершилась задача: Task-2", // Task-113 in the seed
            "ERROR:asyncio:Task exception was never retrieved",
            "future: <Task finished name='Task-3'>",
            "ValueError: Исключение в задаче 2",
        ]
    );
}

#[test]
fn task_group() {
    let output = capture(crate::task_group::run);
    insta::assert_snapshot!("task_group", output);
    assert_eq!(
        lines(&output),
        [
            "Result from /a Result from /b",
            "# on the loop's clock: 1.0 s"
        ]
    );
}

#[test]
fn timeout() {
    let output = capture(crate::timeout::run);
    insta::assert_snapshot!("timeout", output);
    assert_eq!(
        lines(&output),
        [
            "Операция превысила таймаут!",
            "# on the loop's clock: 5.0 s"
        ]
    );
}

#[test]
fn race_condition() {
    let output = capture(crate::race_condition::run);
    insta::assert_snapshot!("race_condition", output);
    // The seed prints 10000 twice; its text, and CPython, say 1 for the first.
    assert_eq!(lines(&output), ["1", "10000"]);
}

#[test]
fn deadlock() {
    let output = capture(crate::deadlock::run);
    insta::assert_snapshot!("deadlock", output);
    let report = "deadlock: no task can run and no timer is pending";
    assert_eq!(
        lines(&output),
        [
            "Task acquiring lock...",
            "Task acquiring lock again...",
            report,
            "  Task-1 waits for Lock-1",
            "Task 1 acquiring lock 1...",
            "Task 2 acquiring lock 1...",
            "Task 1 acquiring lock 2...",
            "Task 2 acquiring lock 2...",
            report,
            "  Task-1 waits for gather",
            "  Task-2 waits for Lock-2",
            "  Task-3 waits for Lock-1",
            "Task acquiring lock...",
            "Main acquiring lock...",
            report,
            "  Task-1 waits for Lock-1",
            "Task exception was never retrieved: Task-2: Exception: Something bad happened",
        ]
    );
}

#[test]
fn lock() {
    let output = capture(crate::lock::run);
    insta::assert_snapshot!("lock", output);
    assert_eq!(
        lines(&output),
        [
            "Задача 1 начинает выполнение",
            "Задача 1 завершена",
            "Задача 2 начинает выполнение",
            "Задача 2 завершена",
            "Задача 3 начинает выполнение",
            "Задача 3 завершена",
            "# on the loop's clock: 3.0 s",
        ]
    );
}

#[test]
fn semaphore() {
    let output = capture(crate::semaphore::run);
    insta::assert_snapshot!("semaphore", output);
    let waiting = "Waiting to acquire semaphore...";
    let acquired = "Semaphore acquired, requesting...";
    let finishing = "Finishing requesting";
    let lines = lines(&output);
    assert_eq!(lines.len(), 301);
    // What the seed shows: ten tasks get a permit at once, the rest wait.
    for pair in lines[..20].chunks(2) {
        assert_eq!(pair, [waiting, acquired]);
    }
    assert!(lines[20..110].iter().all(|line| *line == waiting));
    // Then, every second, ten finish and the next ten get their permits.
    for round in lines[110..300].chunks(20) {
        assert!(round[..10].iter().all(|line| *line == finishing));
        assert!(round[10..].iter().all(|line| *line == acquired));
    }
    let count = |text: &str| lines.iter().filter(|line| **line == text).count();
    assert_eq!(
        (count(waiting), count(acquired), count(finishing)),
        (100, 100, 100)
    );
    assert_eq!(lines[300], "# on the loop's clock: 10.0 s");
}

#[test]
fn event() {
    let output = capture(crate::event::run);
    insta::assert_snapshot!("event", output);
    assert_eq!(
        lines(&output),
        [
            "coro1: Waiting for the event to be set",
            "coro2: Setting the event",
            "coro1: Event has been set",
            "# on the loop's clock: 10.0 s",
        ]
    );
}

#[test]
fn condition() {
    let output = capture(crate::condition::run);
    insta::assert_snapshot!("condition", output);
    let asking = "do_work: захватываю блокировку условия...";
    let waiting = "do_work: Блокировка захвачена, освобождаю и жду выполнения условия...";
    let working = "do_work: Условие выполнено, вновь захватываю блокировку и начинаю работать...";
    let done = "do_work: Работа закончена, блокировка освобождена.";
    assert_eq!(
        lines(&output),
        [
            asking,
            waiting,
            asking,
            waiting,
            "fire_event: захватываю блокировку условия...",
            "fire_event: Блокировка захвачена, уведомляю всех исполнителей",
            "fire_event: Исполнители уведомлены, освобождаю блокировку.",
            working,
            done,
            working,
            done,
            "# on the loop's clock: 7.0 s",
        ]
    );
}

#[test]
fn condition_wait_for() {
    let output = capture(crate::condition_wait_for::run);
    insta::assert_snapshot!("condition_wait_for", output);
    let waiting = "execute: Waiting for connection initialized";
    let not_yet = "_is_initialized: The connection is not initialized.";
    let ready = "_is_initialized: The connection is ready.";
    let notify = "_change_state: Change the state and notify all..";
    let finished = "execute: Execute finished.";
    assert_eq!(
        lines(&output),
        [
            waiting,
            not_yet,
            waiting,
            not_yet,
            "initialize: Preparing initialize the connection.",
            "_change_state: Will change state from ConnectionState.WAIT_INIT to ConnectionState.INITIALING",
            notify,
            not_yet,
            not_yet,
            "initialize: Connection initialized",
            "_change_state: Will change state from ConnectionState.INITIALING to ConnectionState.INITIALIZED",
            notify,
            ready,
            "execute: Connection initialized, executing query: SELECT * FROM table",
            finished,
            ready,
            "execute: Connection initialized, executing query: SELECT * FROM other_table",
            finished,
            "# on the loop's clock: 15.0 s",
        ]
    );
}

#[test]
fn queue() {
    let output = capture(crate::queue::run);
    insta::assert_snapshot!("queue", output);
    let lines = lines(&output);
    let unbounded: Vec<String> = (0..5)
        .flat_map(|i| [format!("Produced item-{i}"), format!("Consumed item-{i}")])
        .collect();
    assert_eq!(lines[..10], unbounded);
    assert_eq!(
        lines[10..30],
        [
            "Produced item-0",
            "Consumed item-0",
            "Produced item-1",
            "Produced item-2",
            "Consumed item-1",
            "Produced item-3",
            "Produced item-4",
            "Consumed item-2",
            "Produced item-5",
            "Consumed item-3",
            "Produced item-6",
            "Consumed item-4",
            "Produced item-7",
            "Consumed item-5",
            "Produced item-8",
            "Consumed item-6",
            "Produced item-9",
            "Consumed item-7",
            "Consumed item-8",
            "Consumed item-9",
        ]
    );
    let pool: Vec<String> = (0..12)
        .map(|i| format!("worker {} fetched https://example.com/{i}", i % 5))
        .collect();
    assert_eq!(lines[30..42], pool);
    assert_eq!(lines[42..], ["# on the loop's clock: 3.0 s"]);
}

/// The pattern of seed 002:941's output, whatever the random draw: thirty
/// lines, each item produced once and then consumed once, consumed in the
/// order produced (the queue is FIFO), each producer's items in turn.
fn assert_producers_consumers_pattern(lines: &[&str]) {
    assert_eq!(lines.len(), 30, "{lines:#?}");
    let (mut produced, mut consumed) = (Vec::new(), Vec::new());
    for line in lines {
        match line.split(' ').collect::<Vec<_>>()[..] {
            ["Producer", id, "produced", item] if item.starts_with(&format!("item-{id}-")) => {
                produced.push(item);
            }
            ["Consumer", "0" | "1", "consumed", item] => {
                assert!(consumed.len() < produced.len(), "consumed first: {line}");
                consumed.push(item);
            }
            _ => panic!("not a line of the program: {line}"),
        }
    }
    assert_eq!(consumed, produced, "first in, first out");
    for id in 0..3 {
        let prefix = format!("item-{id}-");
        let own: Vec<&str> = produced
            .iter()
            .copied()
            .filter(|item| item.starts_with(&prefix))
            .collect();
        let in_turn: Vec<String> = (0..5).map(|i| format!("{prefix}{i}")).collect();
        assert_eq!(own, in_turn, "producer {id}");
    }
}

/// One run of seed 002:941 under CPython 3.11.7.
const PRODUCERS_CONSUMERS_CPYTHON: [&str; 30] = [
    "Producer 2 produced item-2-0",
    "Consumer 0 consumed item-2-0",
    "Producer 2 produced item-2-1",
    "Consumer 1 consumed item-2-1",
    "Producer 1 produced item-1-0",
    "Producer 0 produced item-0-0",
    "Consumer 0 consumed item-1-0",
    "Consumer 1 consumed item-0-0",
    "Producer 0 produced item-0-1",
    "Producer 2 produced item-2-2",
    "Producer 1 produced item-1-1",
    "Producer 0 produced item-0-2",
    "Consumer 0 consumed item-0-1",
    "Consumer 1 consumed item-2-2",
    "Producer 2 produced item-2-3",
    "Producer 1 produced item-1-2",
    "Producer 2 produced item-2-4",
    "Producer 0 produced item-0-3",
    "Consumer 0 consumed item-1-1",
    "Producer 1 produced item-1-3",
    "Consumer 1 consumed item-0-2",
    "Consumer 0 consumed item-2-3",
    "Producer 0 produced item-0-4",
    "Producer 1 produced item-1-4",
    "Consumer 1 consumed item-1-2",
    "Consumer 0 consumed item-2-4",
    "Consumer 1 consumed item-0-3",
    "Consumer 0 consumed item-1-3",
    "Consumer 1 consumed item-0-4",
    "Consumer 0 consumed item-1-4",
];

#[test]
fn producers_consumers() {
    let output = capture(crate::producers_consumers::run);
    insta::assert_snapshot!("producers_consumers", output);
    assert_producers_consumers_pattern(&lines(&output));
    assert_producers_consumers_pattern(&PRODUCERS_CONSUMERS_CPYTHON);
}

#[test]
fn to_thread() {
    let output = capture(crate::to_thread::run);
    insta::assert_snapshot!("to_thread", output);
    assert_eq!(
        lines(&output),
        [
            "Запускаем блокирующую операцию в отдельном потоке...",
            "Получили: Результат блокирующей операции",
            "# on the loop's clock: 0.0 s",
        ]
    );
}

/// The output with each `time.ctime()` replaced by `<ctime>`: the
/// real-clock programs print the seed's times, give or take a second when
/// the machine is busy, so the tests pin the lines, not the times.
fn without_times(output: &str) -> String {
    output
        .lines()
        .map(|line| match line.strip_prefix("Wed Dec 21 ") {
            Some(rest) if rest.get(8..14) == Some(" 2022 ") => format!("<ctime> {}", &rest[14..]),
            _ => line.to_owned(),
        })
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn loop_stop() {
    let output = without_times(&capture(crate::loop_stop::run));
    insta::assert_snapshot!("loop_stop", output);
    let python = [
        "Created loop",
        "Created task main and now run loop",
        "<ctime> Hello!",
        "<ctime> Goodbye!",
        "Gathered tasks",
    ];
    assert_eq!(lines(&output), python);
}

#[test]
fn run_in_executor() {
    let output = without_times(&capture(crate::run_in_executor::run));
    insta::assert_snapshot!("run_in_executor", output);
    let parts: Vec<&str> = output.split("\n\n").collect();
    let thread_first =
        "blocking started\n<ctime> Hello!\n<ctime> Hello from a thread!\n<ctime> Goodbye!";
    assert_eq!(parts[0], thread_first, "asyncio2.py");
    let main_first = "<ctime> Hello!\n<ctime> Goodbye!\n<ctime> Hello from a thread!";
    assert_eq!(parts[1], main_first, "asyncio3.py: no error in 3.11");
    assert_eq!(parts[2], main_first, "asyncio4.py");
    assert_eq!(parts[3], main_first, "asyncio5.py");
    assert_eq!(parts.len(), 4);
}

/// A line of `display_date` with its time as its shape: each digit a `9`.
fn date_shape(line: &str) -> String {
    line.chars()
        .map(|c| if c.is_ascii_digit() { '9' } else { c })
        .collect()
}

#[test]
fn display_date() {
    let output = capture(crate::display_date::run);
    let shapes: Vec<String> = lines(&output).into_iter().map(date_shape).collect();
    let mut distinct = shapes.clone();
    distinct.dedup();
    distinct.sort();
    distinct.dedup();
    insta::assert_snapshot!("display_date", distinct.join("\n"));
    let line = "Loop: 9 Time: 9999-99-99 99:99:99.999999";
    assert!(shapes.iter().all(|shape| shape == line), "{output}");
    assert!(output.starts_with("Loop: 1 Time: 2023-08-14 16:26:35."));
    assert!(lines(&output)[1].starts_with("Loop: 2 Time: 2023-08-14 16:26:35."));
    let count = |num: &str| output.matches(num).count();
    // At least one sleep each time round: more lines than the two first.
    assert!(count("Loop: 1 ") > 2 && count("Loop: 2 ") > 2, "{output}");
}

#[test]
fn connection() {
    let output = capture(crate::connection::run);
    insta::assert_snapshot!("connection", output);
    assert_eq!(
        lines(&output),
        [
            "connecting to localhost:9001",
            "doing stuff with localhost:9001",
            "closing localhost:9001",
            "# on the loop's clock: 1.5 s",
        ]
    );
}

#[test]
fn async_resource() {
    let output = capture(crate::async_resource::run);
    insta::assert_snapshot!("async_resource", output);
    assert_eq!(
        lines(&output),
        [
            "Открываем ресурс...",
            "Работа с ресурсом",
            "Закрываем ресурс...",
            "# on the loop's clock: 1.5 s",
        ]
    );
}

#[test]
fn program_names_are_unique() {
    let mut seen = HashSet::new();
    for program in PROGRAMS {
        assert!(
            seen.insert(program.name),
            "{} is listed twice",
            program.name
        );
    }
}

#[test]
fn the_whole_tour_runs_every_program_under_its_header() {
    let chosen = select(&[]).expect("no names selects every program");
    let tour = capture(|| run_tour(&chosen));

    let expected: Vec<String> = PROGRAMS
        .iter()
        .enumerate()
        .map(|(i, program)| format!("== {}. {} ==\n{}", i + 1, program.name, run_alone(program)))
        .collect();
    assert_eq!(without_dates(&tour), without_dates(&expected.join("\n")));
}

/// The output with `display_date`'s lines as their shape, and
/// `coroutine_repr`'s without their addresses: both differ from one run to
/// the next.
fn without_dates(output: &str) -> String {
    let stable = |line: &str| match line.starts_with("Loop: ") {
        true => date_shape(line),
        false => address_shape(line),
    };
    output.lines().map(stable).collect::<Vec<_>>().join("\n")
}

fn run_alone(program: &Program) -> String {
    capture(program.run)
}

#[test]
fn named_programs_run_in_the_order_named_with_their_tour_numbers() {
    let names = ["calculator".to_owned(), "custom_range".to_owned()];
    let chosen = select(&names).expect("both names exist");
    let numbered: Vec<_> = chosen.iter().map(|(n, p)| (*n, p.name)).collect();
    assert_eq!(numbered, [(11, "calculator"), (4, "custom_range")]);
}

#[test]
fn unknown_names_are_all_reported() {
    let names = ["grep".to_owned(), "nope".to_owned(), "--verbose".to_owned()];
    let unknown = select(&names).expect_err("two names are unknown");
    assert_eq!(unknown, ["'nope'", "'--verbose'"]);
}

#[test]
fn await_f() {
    let output = capture(crate::await_f::run);
    insta::assert_snapshot!("await_f", output);
    assert_eq!(
        lines(&output),
        [
            "main",
            "f",
            "f end",
            "main end 123",
            "# the task's result: 123",
            "# on the loop's clock: 1.0 s",
        ]
    );
}

/// Lines written `a | b | c`, as CPython 3.11 printed them.
fn cpython(text: &str) -> Vec<String> {
    text.split('|').map(|line| line.trim().to_owned()).collect()
}

#[test]
fn mygen() {
    let output = capture(crate::mygen::run);
    insta::assert_snapshot!("mygen", output);
    let numbers: Vec<String> = (0..15).map(|i| i.to_string()).collect();
    let lines = lines(&output);
    assert_eq!(lines[..15], numbers, "async for i in mygen(15)");
    assert_eq!(
        lines[15..17],
        ["after async for", "# on the loop's clock: 15.0 s"]
    );
    let interleaved = cpython(
        "0 | a | b | 1 | c | d | 2 | e | f | 3 | g | h | 4 | j | k | 5 | l | m | 6 | n | o | 7 |
         p | 8 | 9 | 10 | 11 | 12 | 13 | 14 | # on the loop's clock: 15.0 s",
    );
    assert_eq!(lines[17..48], interleaved, "mygen(15) and sth_else()");
    let gathered = cpython(
        "gen1: 0 | gen2: 0 | gen1: 1 | gen2: 1 | gen1: 2 | gen1: 3 | gen2: 2 | gen1: 4 |
         gen2: 3 | gen2: 4 | # on the loop's clock: 10.0 s",
    );
    assert_eq!(lines[48..], gathered, "run('gen1', 1) and run('gen2', 2)");
}

#[test]
fn doubler() {
    let output = capture(crate::doubler::run);
    insta::assert_snapshot!("doubler", output);
    assert_eq!(
        lines(&output),
        [
            "[(0, 0), (1, 2), (2, 4), (3, 6), (4, 8)]",
            "{0: 0, 1: 2, 2: 4}",
            "{(2, 4), (1, 2), (0, 0)}",
            "# on the loop's clock: 11.0 s",
        ]
    );
}

/// `print(s)` for sets built in order, as CPython 3.11 printed them.
#[test]
fn py_set_prints_in_cpythons_order() {
    use crate::python::PySet;
    fn set<T: crate::python::PyHash + PartialEq + std::fmt::Debug>(
        items: impl IntoIterator<Item = T>,
    ) -> String {
        let mut set = PySet::default();
        set.extend(items);
        format!("{set:?}")
    }
    assert_eq!(
        set([(0u32, 0u32), (1, 2), (2, 4)]),
        "{(2, 4), (1, 2), (0, 0)}"
    );
    assert_eq!(set(0..12u32), "{0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11}");
    assert_eq!(
        set((0..10u32).map(|i| (i, i * 2))),
        "{(6, 12), (2, 4), (1, 2), (0, 0), (8, 16), (5, 10), (9, 18), (4, 8), (3, 6), (7, 14)}"
    );
    assert_eq!(
        set((0..7u32).map(|i| (i, 3))),
        "{(4, 3), (0, 3), (2, 3), (3, 3), (5, 3), (6, 3), (1, 3)}"
    );
    assert_eq!(set((0..6u32).map(|i| i * 8)), "{0, 32, 8, 40, 16, 24}");
    assert_eq!(set([1u32, 1]), "{1}");
    assert_eq!(set(Vec::<u32>::new()), "set()");
}

#[test]
fn async_iterator() {
    let output = capture(crate::async_iterator::run);
    insta::assert_snapshot!("async_iterator", output);
    assert_eq!(
        lines(&output),
        ["1", "2", "3", "0", "1", "2", "# on the loop's clock: 3.0 s"]
    );
}

#[test]
fn async_counter() {
    let output = capture(crate::async_counter::run);
    insta::assert_snapshot!("async_counter", output);
    let lines = lines(&output);
    assert_eq!(
        lines[..6],
        ["1", "2", "3", "4", "5", "# on the loop's clock: 2.5 s"]
    );
    assert_eq!(
        lines[6..],
        ["1", "2", "3", "4", "5", "# on the loop's clock: 0.5 s"]
    );
}

#[test]
fn types_coroutine() {
    let output = capture(crate::types_coroutine::run);
    insta::assert_snapshot!("types_coroutine", output);
    assert_eq!(lines(&output)[0], "1", "print(result)");
    assert!(output.contains("sum(1..=1000) = 500500"));
}

#[test]
fn wrap_future() {
    let output = capture(crate::wrap_future::run);
    insta::assert_snapshot!("wrap_future", output);
    let lines = lines(&output);
    assert_eq!(lines[0], "main: waiting for the other world");
    assert_eq!(
        lines[4], "main: got 5050",
        "after the loop's other task ran"
    );
}

#[test]
fn async_fn_twin() {
    let output = capture(crate::async_fn_twin::run);
    insta::assert_snapshot!("async_fn_twin", output);
    let (async_fn, twin) = output
        .split_once("# its hand-written twin, to_future(Countdown { n: 3 }):")
        .expect("two halves");
    let polls = |half: &str| -> Vec<String> {
        half.lines()
            .filter(|line| !line.is_empty() && !line.starts_with('#'))
            .map(str::to_owned)
            .collect()
    };
    assert_eq!(
        polls(async_fn),
        polls(twin),
        "the same polls, the same prints"
    );
    assert_eq!(polls(twin).last().map(String::as_str), Some("Go!"));
    assert_eq!(polls(twin).len(), 8, "three prints, four polls, the value");
}

#[test]
fn tree_walk() {
    let output = capture(crate::tree_walk::run);
    insta::assert_snapshot!("tree_walk", output);
    let python = [
        "[1, 2, 3, 4, 5, 6, 7]",
        "1 3",
        "2 2",
        "3 3",
        "4 1",
        "5 3",
        "6 2",
        "7 3",
    ];
    assert_eq!(lines(&output)[..8], python, "the walk and depth(walk)");
    assert_eq!(
        lines(&output)[8],
        "2001000",
        "sum(inorder(spine)), 2 000 deep"
    );
}
