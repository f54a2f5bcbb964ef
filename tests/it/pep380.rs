//! Property: for random trees of delegating generators over randomly behaving
//! subgenerators, driven by random sequences of send / throw / close, the
//! crate's delegation (`delegate`, `yield_from!`, `YieldFrom`, `from_iter`)
//! gives exactly what a model gives: the same outcome for every call and the
//! same log of events, in the same order.
//!
//! The model follows the expansion of `RESULT = yield from EXPR` in PEP 380
//! line by line, using only the public `next`/`send`/`throw`/`close` of the
//! subgenerator, and treats a plain iterator as Python does: it has no
//! `throw` or `close` attribute.

use std::fmt::Debug;
use std::ops::ControlFlow;

use proptest::prelude::*;
use resumable::generator::{delegate, from_iter, yield_from};
use resumable::{CloseError, Exception, Generator, GeneratorState, Lifecycle, Outcome, Resume};

use crate::support::{Boom, Log};

type Dyn<S> = Box<dyn Generator<S, Yield = i32, Return = i32, Error = Boom>>;
type Step = Outcome<i32, i32, Boom>;

// ---------------------------------------------------------------- behaviours

/// What a generator does next: yield, return or raise.
#[derive(Clone, Copy, Debug)]
enum Act {
    Yield(i32),
    Return(i32),
    Raise(i32),
}

/// How a generator meets an error thrown into it (or raised by its sub).
#[derive(Clone, Copy, Debug)]
enum OnError {
    Reraise,
    Catch(Act),
}

/// How a generator meets GeneratorExit: let it out, or catch it and act
/// (yielding is "ignoring GeneratorExit"; returning is Python 3.13's value).
#[derive(Clone, Copy, Debug)]
enum OnExit {
    Exit,
    Catch(Act),
}

/// A leaf generator's reaction to its k-th resume, by kind of input.
#[derive(Clone, Copy, Debug)]
struct Reaction {
    on_value: Act,
    on_error: OnError,
    on_exit: OnExit,
}

/// A delegating generator's handlers around its `yield from`.
#[derive(Clone, Copy, Debug)]
struct Policy {
    /// `None`: return the delegation's value, as `return (yield from sub)`.
    on_result: Option<Act>,
    on_error: OnError,
    on_exit: OnExit,
}

/// The shape of a generator tree.
#[derive(Clone, Debug)]
enum Node {
    /// A leaf that follows its script, then returns 0.
    Scripted(Vec<Reaction>),
    /// A plain iterator (only under a unit send type, as in Python).
    Iter(Vec<i32>),
    /// `def level(): try: r = yield from sub ... except ...` with handlers.
    Level(Policy, Box<Node>),
    /// `def bare(): return (yield from sub)`.
    Bare(Box<Node>),
}

// -------------------------------------------------------- the scripted leaf

/// A generator that reacts to its k-th resume as `script[k]` says and logs
/// every input it gets.
struct Scripted {
    name: String,
    log: Log,
    script: Vec<Reaction>,
    k: usize,
}

impl<S: Debug> Generator<S> for Scripted {
    type Yield = i32;
    type Return = i32;
    type Error = Boom;

    fn resume(&mut self, input: Resume<S, Boom>) -> Step {
        if self.k == 0 {
            input.sent()?; // throw/close before starting: no code runs
            self.log.push(format!("{} start", self.name));
            self.k = 1;
            return act(self.script.first().map_or(Act::Return(0), |r| r.on_value));
        }
        let reaction = self.script.get(self.k).copied();
        self.k += 1;
        let Some(reaction) = reaction else {
            self.log.push(format!("{} ends on {input:?}", self.name));
            return input.sent().map(|_| GeneratorState::Complete(0));
        };
        self.log.push(format!("{} got {input:?}", self.name));
        match input {
            Resume::Next | Resume::Send(_) => act(reaction.on_value),
            Resume::Throw(error) => on_error(reaction.on_error, error),
            Resume::Close => on_exit(reaction.on_exit),
        }
    }
}

fn act(act: Act) -> Step {
    match act {
        Act::Yield(value) => Ok(GeneratorState::Yielded(value)),
        Act::Return(value) => Ok(GeneratorState::Complete(value)),
        Act::Raise(code) => Err(Exception::Raised(Boom(code))),
    }
}

fn on_error(policy: OnError, error: Boom) -> Step {
    match policy {
        OnError::Reraise => Err(Exception::Raised(error)),
        OnError::Catch(then) => act(then),
    }
}

fn on_exit(policy: OnExit) -> Step {
    match policy {
        OnExit::Exit => Err(Exception::GeneratorExit),
        OnExit::Catch(then) => act(then),
    }
}

// ------------------------------------------------ one delegating generator

/// How a [`Level`] performs one step of its `yield from`. `None` is the
/// first step, when the delegation starts.
trait Delegation<S> {
    type Sub;
    fn step(
        sub: &mut Self::Sub,
        input: Option<Resume<S, Boom>>,
    ) -> ControlFlow<i32, Result<i32, Exception<Boom>>>;
}

enum LevelState<Sub> {
    Start(Sub),
    Delegating(Sub),
    /// Yielded from a handler; the next resume returns this value.
    Tail(i32),
    Done,
}

/// ```python
/// def level(name, sub, policy):
///     log(f"{name} start")
///     try:
///         r = yield from sub
///     except Boom as e:        # policy.on_error
///     except GeneratorExit:    # policy.on_exit
///     else:                    # policy.on_result
/// ```
/// with the delegation itself done by `D`: the crate or the model.
struct Level<D: Delegation<S>, S> {
    name: String,
    /// `None` for a bare `return (yield from sub)`, which logs nothing.
    log: Option<Log>,
    policy: Policy,
    state: LevelState<D::Sub>,
}

impl<D: Delegation<S>, S: Debug> Generator<S> for Level<D, S> {
    type Yield = i32;
    type Return = i32;
    type Error = Boom;

    fn resume(&mut self, input: Resume<S, Boom>) -> Step {
        let step = match std::mem::replace(&mut self.state, LevelState::Done) {
            LevelState::Start(mut sub) => {
                input.sent()?;
                self.note("start");
                let step = D::step(&mut sub, None);
                self.state = LevelState::Delegating(sub);
                step
            }
            LevelState::Delegating(mut sub) => {
                let step = D::step(&mut sub, Some(input));
                self.state = LevelState::Delegating(sub);
                step
            }
            LevelState::Tail(value) => {
                self.note(&format!("tail got {input:?}"));
                input.sent()?;
                return Ok(GeneratorState::Complete(value));
            }
            LevelState::Done => panic!("the drivers never resume a finished level"),
        };
        match step {
            ControlFlow::Break(value) => Ok(GeneratorState::Yielded(value)),
            ControlFlow::Continue(result) => {
                self.state = LevelState::Done;
                self.conclude(result)
            }
        }
    }
}

impl<D: Delegation<S>, S> Level<D, S> {
    fn note(&self, event: &str) {
        if let Some(log) = &self.log {
            log.push(format!("{} {event}", self.name));
        }
    }

    fn conclude(&mut self, result: Result<i32, Exception<Boom>>) -> Step {
        let outcome = match result {
            Ok(value) => {
                self.note(&format!("got {value}"));
                self.policy
                    .on_result
                    .map_or(Ok(GeneratorState::Complete(value)), act)
            }
            Err(Exception::Raised(error)) => {
                self.note(&format!("caught {error:?}"));
                on_error(self.policy.on_error, error)
            }
            Err(Exception::GeneratorExit) => {
                self.note("exit");
                on_exit(self.policy.on_exit)
            }
        };
        if let Ok(GeneratorState::Yielded(value)) = outcome {
            self.state = LevelState::Tail(value);
        }
        outcome
    }
}

// ------------------------------------------------------ the crate's version

struct Crate;

impl<S> Delegation<S> for Crate {
    type Sub = Dyn<S>;

    fn step(
        sub: &mut Dyn<S>,
        input: Option<Resume<S, Boom>>,
    ) -> ControlFlow<i32, Result<i32, Exception<Boom>>> {
        delegate(sub, input.unwrap_or(Resume::Next))
    }
}

/// Builds the tree with the crate's delegation; `Iter` leaves need `S = ()`.
fn build_crate<S: Debug + 'static>(
    node: &Node,
    log: &Log,
    name: String,
    iter: fn(Vec<i32>) -> Dyn<S>,
) -> Dyn<S> {
    match node {
        Node::Scripted(script) => Box::new(scripted(script, log, name)),
        Node::Iter(items) => iter(items.clone()),
        Node::Level(policy, sub) => Box::new(Level::<Crate, S> {
            log: Some(log.clone()),
            policy: *policy,
            state: LevelState::Start(build_crate(sub, log, format!("{name}."), iter)),
            name,
        }),
        Node::Bare(sub) => Box::new(yield_from(build_crate(sub, log, format!("{name}."), iter))),
    }
}

fn crate_iter(items: Vec<i32>) -> Dyn<()> {
    Box::new(from_iter(items).map_return(|()| 0).with_error::<Boom>())
}

// ------------------------------------------------------------- the model

/// A subgenerator as the model sees it: a generator, or a plain iterator,
/// which has `__next__` but no `send`, `throw` or `close`.
enum ModelSub<S> {
    Gen(Dyn<S>),
    Iter(std::vec::IntoIter<i32>),
}

struct Pep380;

impl<S> Delegation<S> for Pep380 {
    type Sub = ModelSub<S>;

    /// ```python
    /// _i = iter(EXPR)
    /// try:
    ///     _y = next(_i)
    /// except StopIteration as _e:
    ///     _r = _e.value
    /// else:
    ///     while 1:
    ///         try:
    ///             _s = yield _y
    ///         except GeneratorExit as _e:
    ///             try:
    ///                 _m = _i.close
    ///             except AttributeError:
    ///                 pass
    ///             else:
    ///                 _m()
    ///             raise _e
    ///         except BaseException as _e:
    ///             _x = sys.exc_info()
    ///             try:
    ///                 _m = _i.throw
    ///             except AttributeError:
    ///                 raise _e
    ///             else:
    ///                 try:
    ///                     _y = _m(*_x)
    ///                 except StopIteration as _e:
    ///                     _r = _e.value
    ///                     break
    ///         else:
    ///             try:
    ///                 if _s is None:
    ///                     _y = next(_i)
    ///                 else:
    ///                     _y = _i.send(_s)
    ///             except StopIteration as _e:
    ///                 _r = _e.value
    ///                 break
    /// RESULT = _r
    /// ```
    fn step(
        sub: &mut ModelSub<S>,
        input: Option<Resume<S, Boom>>,
    ) -> ControlFlow<i32, Result<i32, Exception<Boom>>> {
        use ControlFlow::{Break, Continue};
        match (sub, input) {
            // _y = next(_i), or _i.send(_s) (send(None) is next)
            (ModelSub::Gen(i), None | Some(Resume::Next)) => yielded_or_returned(i.next()),
            (ModelSub::Gen(i), Some(Resume::Send(s))) => yielded_or_returned(i.send(s)),
            (ModelSub::Iter(i), None | Some(Resume::Next | Resume::Send(_))) => match i.next() {
                Some(value) => Break(value),
                None => Continue(Ok(0)), // StopIteration; the crate maps None to 0 too
            },
            // except GeneratorExit: _i.close() if it has one; raise _e
            (ModelSub::Gen(i), Some(Resume::Close)) => match i.close() {
                Ok(_) => Continue(Err(Exception::GeneratorExit)),
                // an exception out of _m() replaces GeneratorExit
                Err(CloseError::Raised(error)) => Continue(Err(Exception::Raised(error))),
                // Python raises RuntimeError here; a typed error has no such
                // value, so the yield is passed up (see docs/design.md)
                Err(CloseError::IgnoredExit(value)) => Break(value),
            },
            (ModelSub::Iter(_), Some(Resume::Close)) => Continue(Err(Exception::GeneratorExit)),
            // except BaseException: _i.throw(*_x), or raise _e without one
            (ModelSub::Gen(i), Some(Resume::Throw(error))) => yielded_or_returned(i.throw(error)),
            (ModelSub::Iter(_), Some(Resume::Throw(error))) => {
                Continue(Err(Exception::Raised(error)))
            }
        }
    }
}

fn yielded_or_returned(step: Step) -> ControlFlow<i32, Result<i32, Exception<Boom>>> {
    match step {
        Ok(GeneratorState::Yielded(value)) => ControlFlow::Break(value),
        Ok(GeneratorState::Complete(value)) => ControlFlow::Continue(Ok(value)),
        Err(exception) => ControlFlow::Continue(Err(exception)),
    }
}

/// Builds the same tree with the model's delegation.
fn build_model<S: Debug + 'static>(node: &Node, log: &Log, name: String) -> ModelSub<S> {
    let level = |policy, sub: &Node, quiet: bool| Level::<Pep380, S> {
        log: (!quiet).then(|| log.clone()),
        policy,
        state: LevelState::Start(build_model(sub, log, format!("{name}."))),
        name: name.clone(),
    };
    match node {
        Node::Scripted(script) => ModelSub::Gen(Box::new(scripted(script, log, name.clone()))),
        Node::Iter(items) => ModelSub::Iter(items.clone().into_iter()),
        Node::Level(policy, sub) => ModelSub::Gen(Box::new(level(*policy, sub, false))),
        // `return (yield from sub)`: no handlers, nothing logged
        Node::Bare(sub) => ModelSub::Gen(Box::new(level(BARE, sub, true))),
    }
}

const BARE: Policy = Policy {
    on_result: None,
    on_error: OnError::Reraise,
    on_exit: OnExit::Exit,
};

fn scripted(script: &[Reaction], log: &Log, name: String) -> Scripted {
    Scripted {
        name,
        log: log.clone(),
        script: script.to_vec(),
        k: 0,
    }
}

// ------------------------------------------------------------ the drivers

#[derive(Clone, Debug)]
enum Op<S> {
    Send(S),
    Next,
    Throw(i32),
    Close,
}

/// Applies `ops` to `gen`, recording each call's outcome; Python's rules for
/// a finished generator object (via `Tracked`) decide what calls still mean.
fn drive<S: Clone + Debug, G: Generator<S, Yield = i32, Return = i32, Error = Boom>>(
    gen: G,
    ops: &[Op<S>],
) -> Vec<String> {
    let mut gen = gen.tracked();
    let mut outcomes = Vec::new();
    for op in ops {
        let closed = gen.state() == Lifecycle::Closed;
        let created = gen.state() == Lifecycle::Created;
        let outcome = match op {
            Op::Next | Op::Send(_) if closed => continue,
            Op::Send(_) if created => format!("{:?}", gen.next()),
            Op::Send(value) => format!("{:?}", gen.send(value.clone())),
            Op::Next => format!("{:?}", gen.next()),
            Op::Throw(code) => format!("{:?}", gen.throw(Boom(*code))),
            Op::Close => format!("{:?}", gen.close()),
        };
        outcomes.push(format!("{op:?} -> {outcome}"));
    }
    outcomes
}

fn compare<S: Clone + Debug + 'static>(
    tree: &Node,
    ops: &[Op<S>],
    iter: fn(Vec<i32>) -> Dyn<S>,
) -> Result<(), TestCaseError> {
    // The root is driven as a generator object, so it is always a generator.
    let tree = Node::Bare(Box::new(tree.clone()));
    let crate_log = Log::default();
    let model_log = Log::default();
    let crate_gen = build_crate(&tree, &crate_log, "top".into(), iter);
    let ModelSub::Gen(model_gen) = build_model::<S>(&tree, &model_log, "top".into()) else {
        unreachable!("a bare level is a generator")
    };
    let crate_outcomes = drive(crate_gen, ops);
    let model_outcomes = drive(model_gen, ops);
    prop_assert_eq!(
        &crate_outcomes,
        &model_outcomes,
        "outcomes differ for {:#?}",
        tree
    );
    prop_assert_eq!(
        crate_log.take(),
        model_log.take(),
        "event logs differ; outcomes: {:#?}",
        crate_outcomes
    );
    Ok(())
}

// ---------------------------------------------------------- the strategies

fn act_strategy() -> impl Strategy<Value = Act> {
    prop_oneof![
        3 => (1..50i32).prop_map(Act::Yield),
        1 => (100..150i32).prop_map(Act::Return),
        1 => (200..250i32).prop_map(Act::Raise),
    ]
}

fn on_error_strategy() -> impl Strategy<Value = OnError> {
    prop_oneof![
        Just(OnError::Reraise),
        act_strategy().prop_map(OnError::Catch)
    ]
}

fn on_exit_strategy() -> impl Strategy<Value = OnExit> {
    prop_oneof![3 => Just(OnExit::Exit), 1 => act_strategy().prop_map(OnExit::Catch)]
}

fn reaction_strategy() -> impl Strategy<Value = Reaction> {
    (act_strategy(), on_error_strategy(), on_exit_strategy()).prop_map(
        |(on_value, on_error, on_exit)| Reaction {
            on_value,
            on_error,
            on_exit,
        },
    )
}

fn policy_strategy() -> impl Strategy<Value = Policy> {
    (
        prop::option::of(act_strategy()),
        on_error_strategy(),
        on_exit_strategy(),
    )
        .prop_map(|(on_result, on_error, on_exit)| Policy {
            on_result,
            on_error,
            on_exit,
        })
}

fn tree_strategy(with_iterators: bool) -> impl Strategy<Value = Node> {
    let scripted = prop::collection::vec(reaction_strategy(), 0..6).prop_map(Node::Scripted);
    let leaf = if with_iterators {
        prop_oneof![
            scripted,
            prop::collection::vec(1..50i32, 0..4).prop_map(Node::Iter)
        ]
        .boxed()
    } else {
        scripted.boxed()
    };
    leaf.prop_recursive(3, 8, 1, |inner| {
        prop_oneof![
            (policy_strategy(), inner.clone()).prop_map(|(p, sub)| Node::Level(p, Box::new(sub))),
            inner.prop_map(|sub| Node::Bare(Box::new(sub))),
        ]
    })
}

fn ops_strategy<S: Clone + Debug + 'static>(
    send: impl Strategy<Value = S> + 'static,
) -> impl Strategy<Value = Vec<Op<S>>> {
    let op = prop_oneof![
        3 => send.prop_map(Op::Send),
        3 => Just(Op::Next),
        2 => (300..350i32).prop_map(Op::Throw),
        1 => Just(Op::Close),
    ];
    prop::collection::vec(op, 1..12)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 2000, ..ProptestConfig::default() })]

    #[test]
    fn delegation_matches_the_pep_380_expansion(
        tree in tree_strategy(false),
        ops in ops_strategy(0..1000i32),
    ) {
        compare(&tree, &ops, |_| unreachable!("no iterators under a send type"))?;
    }

    #[test]
    fn delegation_to_plain_iterators_matches_the_pep_380_expansion(
        tree in tree_strategy(true),
        ops in ops_strategy(Just(())),
    ) {
        compare(&tree, &ops, crate_iter)?;
    }
}
