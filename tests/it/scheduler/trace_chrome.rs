//! `Trace::chrome_json`: the run in Chrome's trace-event format parses as
//! JSON, names each task's thread, and has each task's life, sleeps, waits
//! and steps as complete events, in time order, timed in microseconds on
//! the virtual clock.

use std::collections::BTreeMap;
use std::time::Duration;

use resumable::scheduler::{sleep, Runtime};

use super::trace_json::{parse, Json};
use super::trace_runs::{busy_run, say_after_run};

/// The trace's events, parsed.
fn events(rt: &Runtime) -> Vec<Json> {
    let text = rt.timeline_json();
    let json = parse(&text).unwrap_or_else(|error| panic!("{error}\n{text}"));
    json.get("traceEvents")
        .expect("a traceEvents member")
        .array()
        .to_vec()
}

/// The complete events (`"ph":"X"`), in file order.
fn slices(rt: &Runtime) -> Vec<Json> {
    events(rt)
        .into_iter()
        .filter(|event| event.str("ph") == "X")
        .collect()
}

/// (ts, dur, name) of the slices of `cat` on thread `tid`.
fn on(slices: &[Json], tid: u64, cat: &str) -> Vec<(f64, f64, String)> {
    slices
        .iter()
        .filter(|slice| slice.number("tid") == tid as f64 && slice.str("cat") == cat)
        .map(|slice| {
            (
                slice.number("ts"),
                slice.number("dur"),
                slice.str("name").to_string(),
            )
        })
        .collect()
}

#[test]
fn the_trace_of_a_small_run() {
    insta::assert_snapshot!(busy_run().timeline_json());
}

#[test]
fn the_export_is_a_trace_event_object() {
    let text = say_after_run().timeline_json();
    let json = parse(&text).unwrap();
    assert!(matches!(json.get("traceEvents"), Some(Json::Array(_))));
    assert_eq!(json.str("displayTimeUnit"), "ms");
}

#[test]
fn each_task_is_a_thread_named_after_it() {
    let names: BTreeMap<u64, String> = events(&say_after_run())
        .iter()
        .filter(|event| event.str("ph") == "M" && event.str("name") == "thread_name")
        .map(|event| {
            (
                event.number("tid") as u64,
                event.get("args").unwrap().str("name").to_string(),
            )
        })
        .collect();
    assert_eq!(
        names,
        BTreeMap::from([
            (1, "main".to_string()),
            (2, "say_after(1, 'hello')".to_string()),
            (3, "say_after(2, 'world')".to_string()),
        ])
    );
}

#[test]
fn every_slice_has_the_fields_of_a_complete_event() {
    for slice in slices(&busy_run()) {
        for key in ["name", "cat"] {
            assert!(!slice.str(key).is_empty(), "{key} in {slice:?}");
        }
        for key in ["ts", "dur", "pid", "tid"] {
            assert!(slice.number(key) >= 0.0, "{key} in {slice:?}");
        }
    }
}

#[test]
fn slices_come_in_time_order_the_longer_first() {
    let order: Vec<(f64, f64)> = slices(&busy_run())
        .iter()
        .map(|slice| (slice.number("ts"), -slice.number("dur")))
        .collect();
    assert!(order.windows(2).all(|pair| pair[0] <= pair[1]), "{order:?}");
}

#[test]
fn a_tasks_life_spans_its_run_on_the_virtual_clock() {
    let slices = slices(&say_after_run());
    assert_eq!(
        on(&slices, 1, "task"),
        [(0.0, 2_000_000.0, "main".to_string())]
    );
    assert_eq!(
        on(&slices, 2, "task"),
        [(0.0, 1_000_000.0, "say_after(1, 'hello')".to_string())]
    );
}

#[test]
fn sleeps_last_as_long_as_they_sleep() {
    let slices = slices(&say_after_run());
    assert_eq!(
        on(&slices, 2, "sleep"),
        [(0.0, 1_000_000.0, "sleep 1s".to_string())]
    );
    assert_eq!(
        on(&slices, 3, "sleep"),
        [(0.0, 2_000_000.0, "sleep 2s".to_string())]
    );
}

#[test]
fn waits_last_until_what_they_wait_for_is_done() {
    let slices = slices(&say_after_run());
    assert_eq!(
        on(&slices, 1, "wait"),
        [
            (
                0.0,
                1_000_000.0,
                "wait for say_after(1, 'hello')".to_string()
            ),
            (
                1_000_000.0,
                1_000_000.0,
                "wait for say_after(2, 'world')".to_string()
            ),
        ]
    );
}

#[test]
fn each_step_is_an_instant_that_says_what_it_did() {
    let slices = slices(&say_after_run());
    let steps: Vec<(f64, f64, String)> = slices
        .iter()
        .filter(|slice| slice.number("tid") == 2.0 && slice.str("cat") == "step")
        .map(|slice| {
            (
                slice.number("ts"),
                slice.number("dur"),
                slice.get("args").unwrap().str("then").to_string(),
            )
        })
        .collect();
    assert_eq!(
        steps,
        [
            (0.0, 0.0, "sleeps 1s".to_string()),
            (1_000_000.0, 0.0, "returned".to_string())
        ]
    );
}

#[test]
fn a_tasks_life_says_how_it_ended() {
    let slices = slices(&busy_run());
    let ended: BTreeMap<String, String> = slices
        .iter()
        .filter(|slice| slice.str("cat") == "task")
        .map(|slice| {
            (
                slice.str("name").to_string(),
                slice.get("args").unwrap().str("ended").to_string(),
            )
        })
        .collect();
    assert_eq!(ended["holder"], "returned");
    assert_eq!(ended["raiser"], "raised");
    assert_eq!(ended["victim"], "cancelled");
    assert_eq!(ended["stuck"], "alive at the end of the trace");
}

#[test]
fn names_are_escaped() {
    let name = "say \"hi\" \\ to\n\ttab and \u{1} bell";
    let mut rt = Runtime::new();
    rt.record_trace();
    rt.spawn(sleep(Duration::from_secs(1))).set_name(name);
    rt.run_all().unwrap();
    let lives: Vec<String> = slices(&rt)
        .iter()
        .filter(|slice| slice.str("cat") == "task")
        .map(|slice| slice.str("name").to_string())
        .collect();
    assert_eq!(lives, [name]);
}

#[test]
fn times_below_a_microsecond_keep_their_decimals() {
    let mut rt = Runtime::new();
    rt.record_trace();
    rt.spawn(sleep(Duration::from_nanos(1_500))).detach();
    rt.run_all().unwrap();
    assert_eq!(
        on(&slices(&rt), 1, "sleep"),
        [(0.0, 1.5, "sleep 1.5µs".to_string())]
    );
}
