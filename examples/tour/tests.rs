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
    assert_eq!(tour, expected.join("\n"));
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
