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

#[cfg(test)]
mod tests {
    use std::sync::Arc;
    use std::sync::atomic::{AtomicUsize, Ordering};

    use futures_util::TryStreamExt;

    use super::*;
    use crate::operation::BoxFuture;
    use crate::response::{Response, ResponseMeta};

    /// A list whose server answers `pages[cursor]`, counting the fetches.
    #[derive(Clone)]
    struct FakeList {
        pages: Arc<Vec<(Vec<u32>, Option<String>)>>,
        cursor: Option<String>,
        fetches: Arc<AtomicUsize>,
    }

    impl Operation for FakeList {
        type Output = Page<u32>;

        fn send(self) -> BoxFuture<Result<Response<Page<u32>>>> {
            Box::pin(async move {
                self.fetches.fetch_add(1, Ordering::SeqCst);
                let index: usize = self.cursor.as_deref().map_or(0, |c| c.parse().unwrap_or(0));
                let (items, next_cursor) = self.pages[index].clone();
                let meta = ResponseMeta::new(200, reqwest::header::HeaderMap::new(), 1);
                Ok(Response::from_parts(Page { items, next_cursor }, meta))
            })
        }
    }

    impl Paginated for FakeList {
        type Item = u32;

        fn cursor(mut self, cursor: impl Into<String>) -> Self {
            self.cursor = Some(cursor.into());
            self
        }
    }

    fn list(pages: Vec<(Vec<u32>, Option<&str>)>) -> (FakeList, Arc<AtomicUsize>) {
        let fetches = Arc::new(AtomicUsize::new(0));
        let pages = pages
            .into_iter()
            .map(|(items, next)| (items, next.map(str::to_owned)))
            .collect();
        (
            FakeList {
                pages: Arc::new(pages),
                cursor: None,
                fetches: Arc::clone(&fetches),
            },
            fetches,
        )
    }

    #[tokio::test]
    async fn walks_every_page_in_order() {
        let (list, fetches) = list(vec![
            (vec![1, 2], Some("1")),
            (vec![3], Some("2")),
            (vec![4, 5], None),
        ]);
        let items: Vec<u32> = list.into_stream().try_collect().await.unwrap();
        assert_eq!(items, [1, 2, 3, 4, 5]);
        assert_eq!(fetches.load(Ordering::SeqCst), 3);
    }

    #[tokio::test]
    async fn stops_when_the_server_repeats_a_cursor() {
        // Page 1 points back to itself: without the guard this would never end.
        let (list, fetches) = list(vec![(vec![1], Some("1")), (vec![2], Some("1"))]);
        let items: Vec<u32> = list.into_stream().try_collect().await.unwrap();
        assert_eq!(items, [1, 2]);
        assert_eq!(fetches.load(Ordering::SeqCst), 2);
    }

    #[tokio::test]
    async fn fetches_a_page_only_when_the_previous_one_is_used_up() {
        let (list, fetches) = list(vec![(vec![1, 2], Some("1")), (vec![3], None)]);
        let mut stream = list.into_stream();
        assert_eq!(stream.try_next().await.unwrap(), Some(1));
        assert_eq!(fetches.load(Ordering::SeqCst), 1);
        assert_eq!(stream.try_next().await.unwrap(), Some(2));
        assert_eq!(fetches.load(Ordering::SeqCst), 1);
        assert_eq!(stream.try_next().await.unwrap(), Some(3));
        assert_eq!(fetches.load(Ordering::SeqCst), 2);
    }
}
