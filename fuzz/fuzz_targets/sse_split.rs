//! The SSE parser gives the same events (or refuses the same oversized one) however the bytes
//! are split across reads: the first byte picks a small cap or the default, the next eight the
//! cut points, the rest is the stream.
#![no_main]

use libfuzzer_sys::fuzz_target;
use nexevo_chat::__internals::sse::{DEFAULT_MAX_EVENT_BYTES, Event, Parser};

fn parse(bytes: &[u8], ends: &[usize], cap: usize) -> (Vec<Event>, bool) {
    let mut parser = Parser::new(cap);
    let mut events = Vec::new();
    let mut start = 0;
    for &end in ends.iter().chain(std::iter::once(&bytes.len())) {
        if end < start {
            continue;
        }
        if parser.feed(&bytes[start..end], &mut |event| events.push(event)).is_err() {
            return (events, true);
        }
        start = end;
    }
    (events, false)
}

fuzz_target!(|data: &[u8]| {
    let Some((&cap_byte, rest)) = data.split_first() else { return };
    let cap = if cap_byte % 2 == 0 { 64 } else { DEFAULT_MAX_EVENT_BYTES };
    let (cut_bytes, stream) = rest.split_at(rest.len().min(8));
    let mut ends: Vec<usize> = cut_bytes.iter().map(|&b| usize::from(b) * stream.len() / 256).collect();
    ends.sort_unstable();
    let whole = parse(stream, &[], cap);
    assert_eq!(whole, parse(stream, &ends, cap), "split at {ends:?}");
    let every_byte: Vec<usize> = (0..stream.len()).collect();
    assert_eq!(whole, parse(stream, &every_byte, cap), "one byte at a time");
});
