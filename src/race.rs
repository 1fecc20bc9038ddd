//! Optimizers racing on the same surface: the lead run (the one the ledger explains) and up to
//! [`MAX_RIVALS`] rivals, each the same start, data, cost and learning rate with an optimizer
//! of its own, kept at the lead's iteration count.
//!
//! A rival never pauses: where the lead would stop on trouble (diverging, a weight leaving the
//! sliders' range) a rival goes on, as the lead does when a share link replays it, so a race
//! on screen and the same race reopened from its link are the same, bit for bit. A rival stops
//! only where a step would overflow; it then stays there, and says so.

use crate::error::InputError;
use crate::optim::Optimizer;
use crate::train::{Checkpoint, OnTrouble, Settings, Trainer};

/// Rivals at most: one per optimizer other than the lead's, so colours stay distinct.
pub const MAX_RIVALS: usize = 4;

/// The rivals of one lead run.
#[derive(Clone, Debug, Default)]
pub struct Race {
    rivals: Vec<Trainer>,
    /// Per rival, where it stood at the lead's last good iteration: "Back to the last good
    /// state" takes it there at once instead of replaying the whole run.
    marks: Vec<Option<Checkpoint>>,
}

/// Checks a list of rivals for a lead run with optimizer `lead`: each optimizer kind once
/// (two momentums would draw two paths in one colour), not the lead's kind (the lead is
/// already in the race), every hyper-parameter valid; so at most [`MAX_RIVALS`].
pub fn check(optimizers: &[Optimizer], lead: &Optimizer, field: &str) -> Result<(), InputError> {
    crate::check::at_most(optimizers.len(), MAX_RIVALS, field, "rivals")?;
    for (i, o) in optimizers.iter().enumerate() {
        o.check(&format!("{field}[{i}]"))?;
        if o.name() == lead.name() {
            return Err(InputError::new(
                format!("{field}[{i}]"),
                format!(
                    "{} is the lead's optimizer, which races already; pick another",
                    o.name()
                ),
            ));
        }
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
    /// Sets the rivals (checked with [`check`]) and brings them level with `lead`. A rival
    /// whose optimizer is unchanged keeps its run: changing one rival's hyper-parameters
    /// replays that rival only.
    pub fn set(&mut self, optimizers: &[Optimizer], lead: &Trainer) {
        let mut old: Vec<(Trainer, Option<Checkpoint>)> =
            self.rivals.drain(..).zip(self.marks.drain(..)).collect();
        for &o in optimizers {
            let (run, mark) = match old.iter().position(|(r, _)| r.settings().optimizer == o) {
                Some(i) => old.swap_remove(i),
                None => (
                    Trainer::new(lead.start(), with_optimizer(lead.settings(), o)),
                    None,
                ),
            };
            self.rivals.push(run);
            self.marks.push(mark);
        }
        self.follow(lead);
    }

    /// The rivals' optimizers, in order.
    pub fn optimizers(&self) -> Vec<Optimizer> {
        self.rivals.iter().map(|r| r.settings().optimizer).collect()
    }

    pub fn rivals(&self) -> &[Trainer] {
        &self.rivals
    }

    /// Brings every rival level with `lead` after whatever the lead just did: a rival of the
    /// lead's own kind (the lead's optimizer just changed to it) leaves the race; a new start
    /// or new settings start each rival again; then each runs to the lead's iteration count,
    /// or goes back to it (at once to the lead's last good iteration, else by a replay).
    pub fn follow(&mut self, lead: &Trainer) {
        let lead_kind = lead.settings().optimizer.name();
        let mut k = 0;
        while k < self.rivals.len() {
            if self.rivals[k].settings().optimizer.name() == lead_kind {
                self.rivals.remove(k);
                self.marks.remove(k);
            } else {
                k += 1;
            }
        }
        let (target, good) = (lead.iteration(), lead.last_good_iteration());
        for (rival, mark) in self.rivals.iter_mut().zip(&mut self.marks) {
            let settings = with_optimizer(lead.settings(), rival.settings().optimizer);
            if rival.start() != lead.start() || *rival.settings() != settings {
                *rival = Trainer::new(lead.start(), settings);
                *mark = None;
            }
            if rival.iteration() > target {
                match mark.as_ref().filter(|m| m.iteration() == target) {
                    Some(m) => rival.rewind(m),
                    None => {
                        rival.reset();
                        rival.advance(target, OnTrouble::Continue);
                    }
                }
            }
            if mark.as_ref().is_some_and(|m| m.iteration() > target) {
                *mark = None;
            }
            // On the way forward, stop at the lead's last good iteration to mark it.
            if rival.iteration() < good && good <= target && !rival.stuck() {
                rival.advance(good - rival.iteration(), OnTrouble::Continue);
            }
            if rival.iteration() == good {
                *mark = Some(rival.checkpoint());
            }
            if rival.iteration() < target && !rival.stuck() {
                rival.advance(target - rival.iteration(), OnTrouble::Continue);
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
