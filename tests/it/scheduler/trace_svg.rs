//! `Trace::svg`: the chart reads on its own — a legend, lanes named after
//! the tasks, a time axis, bars that say what a task waits for, a tooltip
//! on every mark — and it is well-formed XML whatever the tasks are called.

use std::time::Duration;

use resumable::scheduler::{sleep, Runtime};

use super::trace_runs::{busy_run, say_after_run};
use super::trace_xml::{parse, Element};
use crate::support::{spawn_body, wait};

fn chart(rt: &Runtime) -> Element {
    let svg = rt.timeline_svg();
    parse(&svg).unwrap_or_else(|error| panic!("{error}\n{svg}"))
}

/// The texts of the elements of `class`.
fn texts(root: &Element, class: &str) -> Vec<String> {
    root.class(class).iter().map(|e| e.text.clone()).collect()
}

/// The bars (or other marks) of `class` whose tooltip begins with `task`.
fn marks<'e>(root: &'e Element, class: &str, task: &str) -> Vec<&'e Element> {
    let prefix = format!("{task} ");
    root.class(class)
        .into_iter()
        .filter(|mark| mark.title().starts_with(&prefix))
        .collect()
}

/// The label inside a bar, if it has one.
fn label(bar: &Element) -> Option<&str> {
    bar.child("text").map(|text| text.text.as_str())
}

#[test]
fn the_chart_of_a_small_run() {
    insta::assert_snapshot!(busy_run().timeline_svg());
}

#[test]
fn the_chart_is_an_svg_document() {
    let root = chart(&busy_run());
    assert_eq!(root.name, "svg");
    assert_eq!(root.attr("xmlns"), Some("http://www.w3.org/2000/svg"));
}

#[test]
fn the_legend_says_what_each_mark_means() {
    let root = chart(&busy_run());
    let legend = &root.class("legend")[0];
    let words: Vec<&str> = legend
        .children
        .iter()
        .filter(|e| e.name == "text")
        .map(|e| e.text.as_str())
        .collect();
    assert_eq!(
        words,
        [
            "alive",
            "ran a step",
            "sleeping",
            "waiting for …",
            "returned",
            "raised",
            "cancelled"
        ]
    );
}

#[test]
fn the_legends_samples_are_the_marks_of_the_lanes() {
    let root = chart(&busy_run());
    let legend = &root.class("legend")[0];
    let samples: Vec<&str> = legend
        .children
        .iter()
        .filter_map(|e| e.attr("class"))
        .collect();
    assert_eq!(
        samples,
        [
            "alive",
            "step",
            "sleep",
            "wait",
            "returned",
            "raised",
            "cancelled"
        ]
    );
    for class in samples {
        let in_lanes = root.class(class).len() - 1;
        assert!(in_lanes > 0, "no {class} mark outside the legend");
    }
}

#[test]
fn each_lane_is_labelled_with_its_tasks_name_in_spawn_order() {
    let root = chart(&say_after_run());
    assert_eq!(
        texts(&root, "lane"),
        ["main", "say_after(1, 'hello')", "say_after(2, 'world')"]
    );
}

#[test]
fn a_two_second_run_has_a_tick_every_half_second() {
    let root = chart(&say_after_run());
    assert_eq!(
        texts(&root, "tick"),
        ["0 s", "0.5 s", "1 s", "1.5 s", "2 s"]
    );
}

#[test]
fn ticks_are_evenly_spaced_and_fall_where_the_bars_end() {
    let root = chart(&say_after_run());
    let xs: Vec<f64> = root
        .class("tick")
        .iter()
        .map(|tick| tick.number("x"))
        .collect();
    let spacing = xs[1] - xs[0];
    assert!(
        xs.windows(2)
            .all(|pair| (pair[1] - pair[0] - spacing).abs() < 0.2),
        "{xs:?}"
    );
    let end_of = |task: &str| {
        let rect = marks(&root, "sleep", task)[0].child("rect").unwrap();
        rect.number("x") + rect.number("width")
    };
    assert!((end_of("say_after(1, 'hello')") - xs[2]).abs() < 0.2, "1 s");
    assert!((end_of("say_after(2, 'world')") - xs[4]).abs() < 0.2, "2 s");
}

#[test]
fn a_sleeping_bar_says_how_long() {
    let root = chart(&say_after_run());
    let bars = marks(&root, "sleep", "say_after(1, 'hello')");
    assert_eq!(
        bars.iter().map(|bar| label(bar)).collect::<Vec<_>>(),
        [Some("sleep 1s")]
    );
}

#[test]
fn a_waiting_bar_names_what_it_waits_for() {
    let root = chart(&busy_run());
    let bars = marks(&root, "wait", "waiter");
    assert_eq!(
        bars.iter().map(|bar| label(bar)).collect::<Vec<_>>(),
        [Some("Lock-1")]
    );
}

#[test]
fn a_task_waited_for_is_named_by_its_name() {
    let root = chart(&say_after_run());
    let bars = marks(&root, "wait", "main");
    assert_eq!(
        bars.iter().map(|bar| label(bar)).collect::<Vec<_>>(),
        [Some("say_after(1, 'hello')"), Some("say_after(2, 'world')")]
    );
}

#[test]
fn every_mark_has_a_tooltip_that_tells_its_story() {
    let root = chart(&busy_run());
    for class in [
        "alive",
        "step",
        "sleep",
        "wait",
        "returned",
        "raised",
        "cancelled",
    ] {
        for mark in root.class(class) {
            assert!(!mark.title().is_empty(), "a {class} mark without a tooltip");
        }
    }
    let titles = |class| {
        root.class(class)
            .iter()
            .map(|m| m.title().to_string())
            .collect::<Vec<_>>()
    };
    assert!(titles("wait").contains(&"waiter waits for Lock-1: 0 s to 1 s".to_string()));
    assert!(titles("sleep").contains(&"raiser sleeps 250ms: 0 s to 0.25 s".to_string()));
    assert!(titles("step").contains(&"waiter at 1 s: ran, yields".to_string()));
}

#[test]
fn each_task_ends_in_the_square_of_how_it_ended() {
    let root = chart(&busy_run());
    let titles = |class| {
        root.class(class)
            .iter()
            .skip(1)
            .map(|m| m.title().to_string())
            .collect::<Vec<_>>()
    };
    assert_eq!(
        titles("returned"),
        ["holder returned at 1 s", "waiter returned at 1.5 s"]
    );
    assert_eq!(titles("raised"), ["raiser raised at 0.25 s"]);
    assert_eq!(titles("cancelled"), ["victim cancelled at 0.75 s"]);
}

#[test]
fn a_task_still_waiting_at_the_end_has_an_open_bar_to_the_end_of_the_trace() {
    let root = chart(&busy_run());
    let bar = marks(&root, "wait", "stuck")[0];
    assert_eq!(
        bar.title(),
        "stuck waits for Event-1: 0 s to still at the end"
    );
    let rect = bar.child("rect").unwrap();
    assert_eq!(rect.attr("stroke-dasharray"), Some("4 2"));
    // The trace ends when `waiter` returns, at 1.5 s.
    let end = marks(&root, "returned", "waiter")[0]
        .child("rect")
        .unwrap()
        .number("x")
        + 5.0;
    assert!((rect.number("x") + rect.number("width") - end).abs() < 0.2);
}

#[test]
fn names_are_escaped() {
    let name = r#"<b>"Tom" & 'Jerry'</b>"#;
    let mut rt = Runtime::new();
    rt.record_trace();
    rt.spawn(sleep(Duration::from_secs(1))).set_name(name);
    rt.run_all().unwrap();
    let svg = rt.timeline_svg();
    assert!(!svg.contains(name), "the raw name is in the chart");
    let root = parse(&svg).unwrap();
    assert_eq!(texts(&root, "lane"), [name]);
    assert_eq!(
        root.class("returned")[1].title(),
        format!("{name} returned at 1 s")
    );
}

#[test]
fn a_label_too_long_for_its_bar_is_cut_and_its_tooltip_keeps_it() {
    let mut rt = Runtime::new();
    rt.record_trace();
    rt.spawn(sleep(Duration::from_secs(10))).detach();
    let long = rt.spawn(sleep(Duration::from_secs(1)));
    long.set_name("a task with a rather long name");
    spawn_body(&mut rt, [wait(long.join())]).set_name("main");
    rt.run_all().unwrap();
    let root = chart(&rt);
    let bar = marks(&root, "wait", "main")[0];
    let cut = label(bar).unwrap();
    assert!(
        cut.ends_with('…')
            && "a task with a rather long name".starts_with(cut.trim_end_matches('…')),
        "{cut}"
    );
    assert_eq!(
        bar.title(),
        "main waits for a task with a rather long name: 0 s to 1 s"
    );
}

#[test]
fn a_bar_too_narrow_for_any_label_has_none() {
    let mut rt = Runtime::new();
    rt.record_trace();
    rt.spawn(sleep(Duration::from_secs(10))).detach();
    rt.spawn(sleep(Duration::from_millis(1))).set_name("blink");
    rt.run_all().unwrap();
    let root = chart(&rt);
    let bar = marks(&root, "sleep", "blink")[0];
    assert_eq!(label(bar), None);
    assert_eq!(bar.title(), "blink sleeps 1ms: 0 s to 0.001 s");
}

#[test]
fn an_empty_trace_is_still_a_chart() {
    let mut rt = Runtime::new();
    rt.record_trace();
    let root = chart(&rt);
    assert_eq!(texts(&root, "lane"), Vec::<String>::new());
    assert_eq!(texts(&root, "tick"), ["0 s"]);
}

#[test]
fn the_chart_has_no_blank_line_for_markdown_to_stop_at() {
    let svg = say_after_run().timeline_svg();
    assert!(svg
        .lines()
        .all(|line| !line.trim().is_empty() && !line.starts_with(' ')));
    assert!(
        svg.lines().next().unwrap().ends_with('>'),
        "the opening tag alone on its line"
    );
}
