//! The fuzz targets' properties (`fuzz/`), as short property tests in the normal test run:
//! the SSE parser gives the same events however the bytes are split, and the whole response
//! handler turns any status, headers and body into a typed value or a typed error, never a
//! panic.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // a test reports by panicking

use nexevo_chat::__internals::sse;
use nexevo_e2e::canned::{self, Answer, Call};
use proptest::prelude::*;

/// Parses `bytes` fed in pieces ending at `cuts`: the events, and whether it refused an event.
fn parse_split(bytes: &[u8], cuts: &[usize], cap: usize) -> (Vec<sse::Event>, bool) {
    let mut parser = sse::Parser::new(cap);
    let mut events = Vec::new();
    let mut start = 0;
    let mut ends: Vec<usize> = cuts.iter().map(|cut| cut % (bytes.len() + 1)).collect();
    ends.sort_unstable();
    ends.push(bytes.len());
    for end in ends {
        if end < start {
            continue;
        }
        if parser
            .feed(&bytes[start..end], &mut |event| events.push(event))
            .is_err()
        {
            return (events, true);
        }
        start = end;
    }
    (events, false)
}

/// Text shaped like an event stream: fields, comments, blank lines and every line ending.
fn stream_text() -> impl Strategy<Value = Vec<u8>> {
    let line = prop_oneof![
        "data: [a-z{}\":, éü中]{0,20}".prop_map(|l| l.into_bytes()),
        "event: [a-z]{0,8}".prop_map(|l| l.into_bytes()),
        ":[ a-z]{0,10}".prop_map(|l| l.into_bytes()),
        "(id|retry|data)(:[ 0-9]{0,4})?".prop_map(|l| l.into_bytes()),
        Just(Vec::new()),
    ];
    let ending = prop_oneof![
        Just(b"\n".to_vec()),
        Just(b"\r\n".to_vec()),
        Just(b"\r".to_vec())
    ];
    proptest::collection::vec((line, ending), 0..40).prop_map(|lines| {
        lines
            .into_iter()
            .flat_map(|(mut line, ending)| {
                line.extend(ending);
                line
            })
            .collect()
    })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn sse_events_do_not_depend_on_how_bytes_are_split(
        bytes in prop_oneof![stream_text(), proptest::collection::vec(any::<u8>(), 0..300)],
        cuts in proptest::collection::vec(any::<usize>(), 0..12),
        cap in prop_oneof![Just(64usize), Just(sse::DEFAULT_MAX_EVENT_BYTES)],
    ) {
        let whole = parse_split(&bytes, &[], cap);
        let split = parse_split(&bytes, &cuts, cap);
        prop_assert_eq!(&whole, &split);
        let one_by_one: Vec<usize> = (0..bytes.len()).collect();
        prop_assert_eq!(&whole, &parse_split(&bytes, &one_by_one, cap));
    }

    #[test]
    fn any_answer_becomes_a_typed_value_or_a_typed_error(
        call in proptest::sample::select(Call::ALL.to_vec()),
        status in prop_oneof![Just(200u16), Just(201), Just(204), Just(402), Just(404), Just(422), Just(429), Just(503), 100u16..600],
        headers in proptest::collection::vec(("[a-zA-Z-]{1,20}", "[ -~]{0,30}"), 0..6),
        body in prop_oneof![
            proptest::collection::vec(any::<u8>(), 0..200),
            Just(br#"{"error":{"code":"not_found","message":"m","request_id":"req_1"}}"#.to_vec()),
            Just(br#"{"error":{"code":"brand_new_code","message":"m","request_id":"req_1","field":"f"}}"#.to_vec()),
            Just(br#"{"balance_usd":"1.50","currency":"USD","updated_at":"2026-04-27T09:30:00Z"}"#.to_vec()),
            Just(b"data: {}\n\ndata: [DONE]\n\n".to_vec()),
            Just(b"event: error\ndata: {\"error\":{}}\n\n".to_vec()),
        ],
    ) {
        let outcome = canned::run(call, Answer { status, headers, body });
        prop_assert!(canned::check(status, &outcome).is_ok(), "{:?}", canned::check(status, &outcome));
    }
}
