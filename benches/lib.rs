//! What the benchmarks share: percentiles and the table they print.
#![allow(clippy::float_arithmetic, reason = "latencies in microseconds, not money")]

/// Latencies of one contender, in microseconds.
#[derive(Debug, Default, Clone)]
pub struct Samples {
    micros: Vec<f64>,
}

impl Samples {
    /// Records one latency.
    pub fn push(&mut self, elapsed: std::time::Duration) {
        self.micros.push(elapsed.as_secs_f64() * 1e6);
    }

    /// The `q` quantile (0 to 1), nearest rank.
    pub fn quantile(&self, q: f64) -> f64 {
        let mut sorted = self.micros.clone();
        sorted.sort_by(f64::total_cmp);
        if sorted.is_empty() {
            return f64::NAN;
        }
        let rank = ((sorted.len() as f64 - 1.0) * q).round() as usize;
        sorted[rank.min(sorted.len() - 1)]
    }

    /// How many latencies were recorded.
    pub fn len(&self) -> usize {
        self.micros.len()
    }

    /// Whether none was recorded.
    pub fn is_empty(&self) -> bool {
        self.micros.is_empty()
    }
}
