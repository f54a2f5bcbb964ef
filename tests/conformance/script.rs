//! The script language of `LANGUAGE.md`, parsed: declarations, coroutines,
//! statements. The parser trusts the corpus (the Python side checked every
//! program) and panics with the line on anything it does not know.

use std::collections::BTreeMap;
use std::rc::Rc;

/// A declared object: `lock L1`, `queue Q1 2`, ...
#[derive(Clone, Debug)]
pub(crate) struct Decl {
    pub(crate) kind: String,
    pub(crate) name: String,
    pub(crate) arg: Option<u64>,
}

#[derive(Debug)]
pub(crate) struct Program {
    pub(crate) decls: Vec<Decl>,
    pub(crate) coros: BTreeMap<String, Block>,
}

pub(crate) type Block = Rc<Vec<Stmt>>;

#[derive(Clone, Debug)]
pub(crate) struct Stmt {
    pub(crate) line: usize,
    pub(crate) kind: Kind,
}

/// What `gather`, `wait_for` and `shield` take: a task, or a new coroutine.
#[derive(Clone, Debug)]
pub(crate) enum Arg {
    Task(String),
    Coro(String),
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(crate) enum Catch {
    Cancelled,
    Timeout,
    Error,
    Any,
}

#[derive(Clone, Debug)]
pub(crate) enum Action {
    Pass,
    Raise,
    Return(Option<i64>),
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(crate) enum When {
    All,
    First,
    Exc,
}

#[derive(Clone, Debug)]
pub(crate) enum Kind {
    Sleep(u64),
    Spawn(String, String),
    TgSpawn(String, String),
    Await(String),
    Call(String),
    Cancel(String, Option<String>),
    State(String),
    Cancelling,
    Uncancel,
    AllTasks,
    Return(Option<i64>),
    Raise(String),
    Acquire(String),
    Release(String),
    Locked(String),
    Set(String),
    Clear(String),
    WaitEvent(String),
    IsSet(String),
    CWait(String),
    CWaitFor(String, String, i64),
    Notify(String, usize),
    NotifyAll(String),
    Inc(String),
    Put(String, i64),
    Get(String),
    PutNowait(String, i64),
    GetNowait(String),
    QSize(String),
    TaskDone(String),
    Join(String),
    Gather(Vec<Arg>, bool),
    Wait(Vec<String>, When, Option<u64>),
    WaitFor(Arg, Option<u64>),
    Shield(Arg),
    AsCompleted(Vec<String>, Option<u64>),
    Soon(Box<Stmt>),
    Later(u64, Box<Stmt>),
    Try(Block, Catch, Action),
    With(String, Block),
    Timeout(Option<u64>, Block),
    TaskGroup(Block),
    Repeat(u64, Block),
}

/// The lines of a program: number, indentation level, words.
struct Lines {
    lines: Vec<(usize, usize, Vec<String>)>,
}

pub(crate) fn parse(text: &str) -> Program {
    let lines = text
        .lines()
        .enumerate()
        .filter(|(_, line)| !line.trim().is_empty())
        .map(|(i, line)| {
            let stripped = line.trim_start_matches(' ');
            let level = (line.len() - stripped.len()) / 2;
            let words = stripped.split(' ').map(String::from).collect();
            (i + 1, level, words)
        })
        .collect();
    let lines = Lines { lines };
    let mut decls = Vec::new();
    let mut pos = 0;
    while pos < lines.lines.len() && lines.lines[pos].2[0] != "coro" {
        let words = &lines.lines[pos].2;
        decls.push(Decl {
            kind: words[0].clone(),
            name: words[1].clone(),
            arg: words.get(2).map(|arg| int(arg)),
        });
        pos += 1;
    }
    let mut coros = BTreeMap::new();
    while pos < lines.lines.len() {
        let name = lines.lines[pos].2[1].clone();
        let (body, next) = lines.block(pos + 1, 1);
        coros.insert(name, body);
        pos = next;
    }
    Program { decls, coros }
}

fn int<T: std::str::FromStr>(word: &str) -> T {
    word.parse()
        .unwrap_or_else(|_| panic!("expected an integer, got {word:?}"))
}

fn timeout(word: &str) -> Option<u64> {
    (word != "none").then(|| int(word))
}

/// `key=value` at the end of a statement.
fn keyed<'w>(word: &'w str, key: &str) -> &'w str {
    word.strip_prefix(key)
        .and_then(|rest| rest.strip_prefix('='))
        .unwrap_or_else(|| panic!("expected {key}=, got {word:?}"))
}

fn arg(word: &str) -> Arg {
    if word.starts_with('t') {
        Arg::Task(word.to_owned())
    } else {
        Arg::Coro(word.to_owned())
    }
}

impl Lines {
    /// The statements at `level` from `pos`; and the position after them.
    fn block(&self, mut pos: usize, level: usize) -> (Block, usize) {
        let mut stmts = Vec::new();
        while pos < self.lines.len() && self.lines[pos].1 == level {
            let (line, _, words) = &self.lines[pos];
            pos += 1;
            let kind = match words[0].as_str() {
                "try" => {
                    let (body, next) = self.block(pos, level + 1);
                    let except = &self.lines[next].2;
                    pos = next + 1;
                    let catch = match except[1].as_str() {
                        "cancelled" => Catch::Cancelled,
                        "timeout" => Catch::Timeout,
                        "error" => Catch::Error,
                        "any" => Catch::Any,
                        other => panic!("line {line}: unknown except kind {other}"),
                    };
                    let action = match except[2].as_str() {
                        "pass" => Action::Pass,
                        "raise" => Action::Raise,
                        "return" => Action::Return(except.get(3).map(|value| int(value))),
                        other => panic!("line {line}: unknown except action {other}"),
                    };
                    Kind::Try(body, catch, action)
                }
                "with" | "timeout" | "taskgroup" | "repeat" => {
                    let (body, next) = self.block(pos, level + 1);
                    pos = next;
                    match words[0].as_str() {
                        "with" => Kind::With(words[1].clone(), body),
                        "timeout" => Kind::Timeout(timeout(&words[1]), body),
                        "taskgroup" => Kind::TaskGroup(body),
                        _ => Kind::Repeat(int(&words[1]), body),
                    }
                }
                _ => simple(*line, words),
            };
            stmts.push(Stmt { line: *line, kind });
        }
        (Rc::new(stmts), pos)
    }
}

/// A statement without a block.
fn simple(line: usize, words: &[String]) -> Kind {
    let a = &words[1..];
    let name = |i: usize| a[i].clone();
    match words[0].as_str() {
        "sleep" => Kind::Sleep(int(&a[0])),
        "spawn" => Kind::Spawn(name(0), name(1)),
        "tg_spawn" => Kind::TgSpawn(name(0), name(1)),
        "await" => Kind::Await(name(0)),
        "call" => Kind::Call(name(0)),
        "cancel" => Kind::Cancel(name(0), a.get(1).cloned()),
        "state" => Kind::State(name(0)),
        "cancelling" => Kind::Cancelling,
        "uncancel" => Kind::Uncancel,
        "all_tasks" => Kind::AllTasks,
        "return" => Kind::Return(a.first().map(|value| int(value))),
        "raise" => Kind::Raise(name(0)),
        "acquire" => Kind::Acquire(name(0)),
        "release" => Kind::Release(name(0)),
        "locked" => Kind::Locked(name(0)),
        "set" => Kind::Set(name(0)),
        "clear" => Kind::Clear(name(0)),
        "wait" if a.len() == 1 && a[0].starts_with('E') => Kind::WaitEvent(name(0)),
        "is_set" => Kind::IsSet(name(0)),
        "cwait" => Kind::CWait(name(0)),
        "cwait_for" => Kind::CWaitFor(name(0), name(1), int(&a[2])),
        "notify" => Kind::Notify(name(0), int(&a[1])),
        "notify_all" => Kind::NotifyAll(name(0)),
        "inc" => Kind::Inc(name(0)),
        "put" => Kind::Put(name(0), int(&a[1])),
        "get" => Kind::Get(name(0)),
        "put_nowait" => Kind::PutNowait(name(0), int(&a[1])),
        "get_nowait" => Kind::GetNowait(name(0)),
        "qsize" => Kind::QSize(name(0)),
        "task_done" => Kind::TaskDone(name(0)),
        "join" => Kind::Join(name(0)),
        "gather" => {
            let rx = a.last().is_some_and(|word| word == "rx");
            let args = if rx { &a[..a.len() - 1] } else { a };
            Kind::Gather(args.iter().map(|word| arg(word)).collect(), rx)
        }
        "wait" => {
            let when = match keyed(&a[a.len() - 2], "when") {
                "ALL" => When::All,
                "FIRST" => When::First,
                "EXC" => When::Exc,
                other => panic!("line {line}: unknown when={other}"),
            };
            let limit = timeout(keyed(&a[a.len() - 1], "timeout"));
            Kind::Wait(a[..a.len() - 2].to_vec(), when, limit)
        }
        "wait_for" => Kind::WaitFor(arg(&a[0]), timeout(&a[1])),
        "shield" => Kind::Shield(arg(&a[0])),
        "as_completed" => {
            let limit = timeout(keyed(&a[a.len() - 1], "timeout"));
            Kind::AsCompleted(a[..a.len() - 1].to_vec(), limit)
        }
        "soon" => Kind::Soon(Box::new(Stmt {
            line,
            kind: simple(line, a),
        })),
        "later" => Kind::Later(
            int(&a[0]),
            Box::new(Stmt {
                line,
                kind: simple(line, &a[1..]),
            }),
        ),
        other => panic!("line {line}: unknown statement {other:?}"),
    }
}
