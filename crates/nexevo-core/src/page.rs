//! Cursor pagination: one page at a time, or every item as a stream.

use std::collections::HashSet;
use std::pin::Pin;

use futures_util::stream::{self, Stream, StreamExt};

use crate::error::Result;
use crate::operation::Operation;

/// One page of a list.
#[derive(Debug, Clone, PartialEq)]
pub struct Page<T> {
    /// The items on this page.
    pub items: Vec<T>,
    /// The cursor of the next page; `None` on the last page.
    pub next_cursor: Option<String>,
}

/// A stream of every item of a list, fetching pages as it goes. `Send + 'static`.
pub type ItemStream<T> = Pin<Box<dyn Stream<Item = Result<T>> + Send + 'static>>;

/// A list call: awaiting it answers one page; [`Paginated::into_stream`] walks them all.
pub trait Paginated: Operation<Output = Page<Self::Item>> + Clone {
    /// What the list holds.
    type Item: Send + 'static;

    /// Starts the list at `cursor` (from a previous page's `next_cursor`).
    fn cursor(self, cursor: impl Into<String>) -> Self;

    /// Every item from here on, fetching each page only when the previous one is used up.
    /// Ends after the last page, or if the server repeats a cursor (rather than loop forever);
    /// an error is the stream's last item.
    fn into_stream(self) -> ItemStream<Self::Item> {
        struct State<O> {
            next: Option<O>,
            seen: HashSet<String>,
        }
        let pages = stream::unfold(
            State {
                next: Some(self),
                seen: HashSet::new(),
            },
            |mut state| async move {
                let operation = state.next.take()?;
                match operation.clone().send().await {
                    Ok(response) => {
                        let page = response.into_value();
                        state.next = page
                            .next_cursor
                            .filter(|cursor| state.seen.insert(cursor.clone()))
                            .map(|cursor| operation.cursor(cursor));
                        Some((
                            stream::iter(page.items.into_iter().map(Ok)).left_stream(),
                            state,
                        ))
                    }
                    Err(error) => Some((
                        stream::iter(std::iter::once(Err(error))).right_stream(),
                        state,
                    )),
                }
            },
        );
        Box::pin(pages.flatten())
    }
}
