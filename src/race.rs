//! Optimizers racing on the same surface: the lead run (the one the ledger explains) and up to
//! [`MAX_RIVALS`] rivals, each the same start, data, cost and learning rate with an optimizer
//! of its own, kept at the lead's iteration count.
//!
//! A rival never pauses: where the lead would stop on trouble (diverging, a weight leaving the
//! sliders' range) a rival goes on, as the lead does when a share link replays it, so a race
//! on screen and the same race reopened from its link are the same, bit for bit. A rival stops
//! only where a step would overflow; it then stays there, and says so.

use crate::check::InputError;
use crate::optim::Optimizer;
use crate::train::{Settings, Trainer};

/// Rivals at most: one per optimizer other than the lead's, and colours that stay distinct.
pub const MAX_RIVALS: usize = 4;

/// The rivals of one lead run.
#[derive(Clone, Debug, Default)]
pub struct Race {
    rivals: Vec<Trainer>,
}

/// Checks a list of rivals: at most [`MAX_RIVALS`], each optimizer kind once (a race between
/// two momentums would draw two paths in one colour), every hyper-parameter valid.
pub fn check(optimizers: &[Optimizer], field: &str) -> Result<(), InputError> {
    if optimizers.len() > MAX_RIVALS {
        return Err(InputError::new(
            field,
            format!(
                "may hold at most {MAX_RIVALS} rivals, got {}",
                optimizers.len()
            ),
        ));
    }
    for (i, o) in optimizers.iter().enumerate() {
        o.check(&format!("{field}[{i}]"))?;
        if optimizers[..i].iter().any(|p| p.name() == o.name()) {
            return Err(InputError::new(
                format!("{field}[{i}]"),
                format!("{} is already racing; each optimizer races once", o.name()),
            ));
        }
    }
    Ok(())
}

impl Race {
    /// Sets the rivals (checked with [`check`]) and brings them level with `lead`.
    pub fn set(&mut self, optimizers: &[Optimizer], lead: &Trainer) {
        self.rivals = optimizers
            .iter()
            .map(|&o| Trainer::new(lead.start(), with_optimizer(lead.settings(), o)))
            .collect();
        self.follow(lead);
    }

    /// The rivals' optimizers, in order.
    pub fn optimizers(&self) -> Vec<Optimizer> {
        self.rivals.iter().map(|r| r.settings().optimizer).collect()
    }

    pub fn rivals(&self) -> &[Trainer] {
        &self.rivals
    }

    /// Brings every rival level with `lead` after whatever the lead just did: a new start or
    /// new settings start each rival again; then each runs (or replays) to the lead's
    /// iteration count.
    pub fn follow(&mut self, lead: &Trainer) {
        for rival in &mut self.rivals {
            let settings = with_optimizer(lead.settings(), rival.settings().optimizer);
            if rival.start() != lead.start() || *rival.settings() != settings {
                *rival = Trainer::new(lead.start(), settings);
            }
            let target = lead.iteration();
            if rival.iteration() > target {
                rival.replay(target);
            } else if rival.iteration() < target && !rival.stuck() {
                rival.advance(target - rival.iteration());
            }
        }
    }
}

/// The lead's settings with another optimizer.
fn with_optimizer(settings: &Settings, optimizer: Optimizer) -> Settings {
    Settings {
        optimizer,
        ..settings.clone()
    }
}
