//! What `parse` and `parse_stream` share: a call with the schema of the type it answers, sent
//! as its `response_format` when awaited.

use std::fmt;
use std::marker::PhantomData;

use nexevo_core::__private::{CallBuilder, RequestOptions};
use nexevo_core::{CallOptions, StreamOptions};

use crate::create_stream::CreateStream;
use crate::schema::{SchemaError, StrictSchema};

/// A call (`C`: [`CreateCompletion`](crate::CreateCompletion) or
/// [`CreateStream`](crate::CreateStream)) whose answer is a `T`, ready to await; see
/// [`ParseCompletion`](crate::ParseCompletion) and [`ParseStream`](crate::ParseStream).
#[must_use = "a call does nothing until it is awaited"]
pub struct TypedCall<C, T> {
    call: C,
    schema: Result<StrictSchema, SchemaError>,
    output: PhantomData<fn() -> T>,
}

impl<C: fmt::Debug, T> fmt::Debug for TypedCall<C, T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("TypedCall")
            .field("call", &self.call)
            .field("schema", &self.schema)
            .field("output", &std::any::type_name::<T>())
            .finish()
    }
}

impl<C, T> TypedCall<C, T> {
    pub(crate) fn new(call: C, schema: Result<StrictSchema, SchemaError>) -> Self {
        Self {
            call,
            schema,
            output: PhantomData,
        }
    }

    /// The name the schema is sent under, in place of the type's own (1 to 64 of
    /// `A-Z a-z 0-9 _ -`; another name is a
    /// [`StructuredOutputError::Schema`](crate::StructuredOutputError::Schema) before anything
    /// is sent).
    pub fn schema_name(mut self, name: impl Into<String>) -> Self {
        self.schema = self.schema.and_then(|schema| schema.with_name(name));
        self
    }

    /// The call and the schema (or why there is none).
    pub(crate) fn into_parts(self) -> (C, Result<StrictSchema, SchemaError>) {
        (self.call, self.schema)
    }
}

impl<C: CallBuilder, T> CallBuilder for TypedCall<C, T> {
    fn options_mut(&mut self) -> &mut RequestOptions {
        self.call.options_mut()
    }
}

impl<C: CallBuilder, T> CallOptions for TypedCall<C, T> {}

impl<T> StreamOptions for TypedCall<CreateStream, T> {}
