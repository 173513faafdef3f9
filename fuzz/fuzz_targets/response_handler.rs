//! The SDK's whole response handling — status, headers and body bytes to a typed value or a
//! typed error — for error bodies, pages, creates, completions and streams: never a panic, and
//! an error status is always an error carrying that status.
#![no_main]

use libfuzzer_sys::fuzz_target;
use nexevo_e2e::canned::{self, Answer, Call};

fuzz_target!(|data: &[u8]| {
    if data.len() < 4 {
        return;
    }
    let call = Call::ALL[usize::from(data[0]) % Call::ALL.len()];
    let status = 100 + u16::from_le_bytes([data[1], data[2]]) % 500;
    let header_count = usize::from(data[3] % 4);
    let mut rest = &data[4..];
    let mut headers = Vec::new();
    for _ in 0..header_count {
        let take = rest.len().min(24);
        let (header, tail) = rest.split_at(take);
        let (name, value) = header.split_at(header.len() / 2);
        headers.push((String::from_utf8_lossy(name).into_owned(), String::from_utf8_lossy(value).into_owned()));
        rest = tail;
    }
    let outcome = canned::run(call, Answer { status, headers, body: rest.to_vec() });
    if let Err(problem) = canned::check(status, &outcome) {
        panic!("{problem}");
    }
});
