//! The scheduler: ordering, callbacks, the ways to run the loop, tasks and
//! promises, cancellation, the asyncio combinators, the loop's reports, and
//! property tests.

mod async_gen;
mod async_gen_table;
mod async_with;
mod async_with_props;
mod callbacks;
mod cancel;
mod combinators;
mod delivery;
mod faults;
mod faults_threads;
mod loop_scripts;
mod ordering;
mod panic_props;
mod promise;
mod props;
mod remote_promise;
mod reports;
mod run_future;
mod running;
mod runtime;
mod script;
mod tasks;
mod trace_chrome;
mod trace_docs;
mod trace_json;
mod trace_runs;
mod trace_svg;
mod trace_xml;
