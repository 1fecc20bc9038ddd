//! A session: everything on screen, held once. The lead run (the one the ledger explains), the
//! optimizers racing it, and how it is shown (the surface view, play speed, the teacher's
//! hidden controls, the quiz, the lesson step) — exactly what a share link carries, so a
//! session goes to a link and comes back from one ([`Session::to_link`],
//! [`Session::from_link`]). The page, the link codec's callers and the figure command all
//! hold one.

use crate::error::InputError;
use crate::link::{self, Ignored, State, View};
use crate::net::Params;
use crate::optim::Optimizer;
use crate::race::{self, Race};
use crate::train::{OnTrouble, Settings, Trainer, WEIGHT_RANGE};

/// How a session is shown: the parts of a link that are not the run.
#[derive(Clone, Debug, PartialEq)]
pub struct Screen {
    pub view: View,
    /// Play speed level: an index into [`crate::link::SPEEDS`].
    pub speed: u32,
    /// Controls hidden for a focused exercise ([`link::HIDEABLE`]).
    pub hide: Vec<String>,
    /// Minimal chrome, for an iframe in course pages.
    pub embed: bool,
    /// Presentation mode, for a projector.
    pub present: bool,
    /// Quiz mode, with the exercise's seed.
    pub quiz: Option<u64>,
    /// The guided lesson, open at this step (1-based).
    pub lesson: Option<u32>,
}

impl Default for Screen {
    fn default() -> Screen {
        Screen::of(&State::default())
    }
}

impl Screen {
    fn of(s: &State) -> Screen {
        Screen {
            view: s.view,
            speed: s.speed,
            hide: s.hide.clone(),
            embed: s.embed,
            present: s.present,
            quiz: s.quiz,
            lesson: s.lesson,
        }
    }
}

/// A quiz on the session: the exercise of `seed`, whether the learner has checked their
/// answers (until then the view withholds them), and the run the exercise replaced, given back
/// when the quiz ends (none for a quiz that came with a link).
#[derive(Clone, Debug)]
pub struct Quiz {
    pub seed: u64,
    pub revealed: bool,
    given_back: Option<Trainer>,
}

/// The lead run, its race and its screen.
#[derive(Clone, Debug)]
pub struct Session {
    run: Trainer,
    race: Race,
    screen: Screen,
    quiz: Option<Quiz>,
}

impl Default for Session {
    /// What the page opens with when its address carries no link.
    fn default() -> Session {
        let state = State::default();
        Session::new(state.start, settings(&state))
    }
}

/// The training settings a link's state describes (the weight range is the sliders').
pub fn settings(state: &State) -> Settings {
    Settings {
        samples: state.samples.clone(),
        cost: state.cost,
        learning_rate: state.learning_rate,
        chosen: state.chosen,
        weight_range: WEIGHT_RANGE,
        optimizer: state.optimizer,
        hidden: state.hidden,
        output: state.output,
    }
}

impl Session {
    /// A plain run from `start` (both already checked): no race, the default screen.
    pub fn new(start: Params, settings: Settings) -> Session {
        Session {
            run: Trainer::new(start, settings),
            race: Race::default(),
            screen: Screen::default(),
            quiz: None,
        }
    }

    /// A state's session at iteration 0: its start, settings, race and screen, checked. The
    /// page then replays the iterations in slices; [`Session::from_state`] does it at once.
    pub fn open(state: &State) -> Result<Session, InputError> {
        let settings = settings(state);
        settings.check()?;
        crate::check::params(&state.start, "start")?;
        race::check(&state.race, &state.optimizer, "race")?;
        let mut s = Session::new(state.start, settings);
        s.race.set(&state.race, &s.run);
        s.screen = Screen::of(state);
        // A quiz link opens its exercise (the seed's weights and sample), answers hidden.
        if let Some(seed) = state.quiz {
            s.start_quiz(seed, false);
        }
        Ok(s)
    }

    /// A state's session with its iterations replayed, exactly as the page opens a link:
    /// through trouble (a learner who shared a link past a pause had dismissed it), stopping
    /// early only where a step would overflow.
    pub fn from_state(state: &State) -> Result<Session, InputError> {
        let mut s = Session::open(state)?;
        s.change_run(|t| t.advance(state.iterations, OnTrouble::Continue));
        Ok(s)
    }

    /// Opens a link: its bad parts are replaced by defaults and listed. Never fails.
    pub fn from_link(text: &str) -> (Session, Vec<Ignored>) {
        let (state, mut ignored) = link::decode(text);
        match Session::from_state(&state) {
            Ok(s) => (s, ignored),
            Err(e) => {
                // The codec checks each part; a combination it let through is still refused
                // whole rather than half applied.
                ignored.push(Ignored {
                    key: e.field.clone(),
                    reason: e.problem.clone(),
                });
                (Session::default(), ignored)
            }
        }
    }

    /// Everything on screen as the codec's state.
    pub fn to_state(&self) -> State {
        let t = &self.run;
        let s = t.settings();
        let Screen {
            view,
            speed,
            hide,
            embed,
            present,
            quiz,
            lesson,
        } = self.screen.clone();
        State {
            version: link::VERSION,
            start: t.start(),
            samples: s.samples.clone(),
            chosen: s.chosen,
            cost: s.cost,
            learning_rate: s.learning_rate,
            iterations: t.iteration(),
            speed,
            view,
            hide,
            embed,
            present,
            optimizer: s.optimizer,
            quiz,
            hidden: s.hidden,
            output: s.output,
            race: self.race.optimizers(),
            lesson,
        }
    }

    /// The share link's query string (without `?`) that reopens this session.
    pub fn to_link(&self) -> String {
        link::encode(&self.to_state())
    }

    /// The lead run.
    pub fn run(&self) -> &Trainer {
        &self.run
    }

    /// The optimizers racing the lead run.
    pub fn race(&self) -> &Race {
        &self.race
    }

    pub fn screen(&self) -> &Screen {
        &self.screen
    }

    /// Changes the lead run with `f`, then brings the rivals level with it: every change to
    /// the run goes through here, so the race can never fall out of step.
    pub fn change_run<R>(&mut self, f: impl FnOnce(&mut Trainer) -> R) -> R {
        let r = f(&mut self.run);
        self.race.follow(&self.run);
        r
    }

    /// Weights set by hand: a new run starts there. Refused during a quiz, whose exercise
    /// fixes them (leave the quiz to change them), so the quiz's link reopens what is shown.
    pub fn set_params(&mut self, params: Params) -> Result<(), InputError> {
        if self.quiz.is_some() {
            return Err(InputError::new(
                "params",
                "are the exercise's during a quiz: leave the quiz to change them",
            ));
        }
        self.change_run(|t| t.set_params(params));
        Ok(())
    }

    /// New settings: a new run from the current weights. During a quiz the exercise stays:
    /// its sample, cost and network are kept and the new run starts again from its weights,
    /// with the new learning rate or optimizer, so the run (and the quiz's link) is still the
    /// exercise's.
    pub fn set_settings(&mut self, mut settings: Settings) {
        if self.quiz.is_some() {
            let exercise = self.run.settings();
            settings.samples = exercise.samples.clone();
            settings.chosen = exercise.chosen;
            settings.cost = exercise.cost;
            settings.hidden = exercise.hidden;
            settings.output = exercise.output;
            let start = self.run.start();
            self.change_run(|t| {
                t.set_settings(settings);
                t.set_params(start);
            });
        } else {
            self.change_run(|t| t.set_settings(settings));
        }
    }

    /// Sets the rivals (checked: each kind once, not the lead's); they join at the lead's
    /// iteration.
    pub fn set_race(&mut self, optimizers: &[Optimizer]) -> Result<(), InputError> {
        race::check(optimizers, &self.run.settings().optimizer, "race")?;
        self.race.set(optimizers, &self.run);
        Ok(())
    }

    /// Starts the quiz of exercise `seed` (for this network's output activation): a new run
    /// from the exercise's weights on its one sample and cost, the answers withheld until
    /// [`Session::check_quiz`]. `keep_run`: give the current run back when the quiz ends (a
    /// learner's own run; a new exercise during a quiz keeps the run given back first).
    pub fn start_quiz(&mut self, seed: u64, keep_run: bool) {
        let given_back = match self.quiz.take() {
            Some(q) => q.given_back,
            None => keep_run.then(|| self.run.clone()),
        };
        let (params, sample, cost) = crate::quiz::exercise_for(seed, self.run.settings().output);
        let mut settings = self.run.settings().clone();
        settings.samples = vec![sample];
        settings.chosen = 0;
        settings.cost = cost;
        self.change_run(|t| {
            t.set_settings(settings);
            t.set_params(params);
        });
        self.screen.quiz = Some(seed);
        self.quiz = Some(Quiz {
            seed,
            revealed: false,
            given_back,
        });
    }

    /// Checks the learner's answers (see [`crate::quiz::check_answers`]) against the pass at
    /// the current weights, and reveals the quiz's numbers. `None` when no quiz is on.
    pub fn check_quiz(&mut self, answers: [Option<f64>; 4]) -> Option<Vec<crate::quiz::Checked>> {
        let q = self.quiz.as_mut()?;
        q.revealed = true;
        let t = &self.run;
        let s = t.settings();
        let pass = crate::train::Pass::at(t.params(), s);
        let x = s.samples[s.chosen].x;
        Some(crate::quiz::check_answers(
            &pass.backward,
            &pass.forward,
            x,
            answers,
        ))
    }

    /// Ends the quiz, giving back the run it replaced (if it kept one).
    pub fn stop_quiz(&mut self) {
        if let Some(q) = self.quiz.take()
            && let Some(run) = q.given_back
        {
            self.change_run(|t| *t = run);
        }
        self.screen.quiz = None;
    }

    /// The quiz on this session, if any.
    pub fn quiz(&self) -> Option<&Quiz> {
        self.quiz.as_ref()
    }

    /// Whether a quiz is on and its answers are not checked yet (the view withholds them).
    pub fn quiz_hidden(&self) -> bool {
        self.quiz.as_ref().is_some_and(|q| !q.revealed)
    }

    /// A new screen, refused (naming the part) if a link could not carry it: it is checked
    /// by the codec itself, so what the page shows and what its link reopens cannot differ.
    pub fn set_screen(&mut self, mut screen: Screen) -> Result<(), InputError> {
        // The quiz is the session's own (start_quiz, stop_quiz): the screen says its seed.
        screen.quiz = self.quiz.as_ref().map(|q| q.seed);
        let old = std::mem::replace(&mut self.screen, screen);
        let (back, ignored) = link::decode(&self.to_link());
        if let Some(i) = ignored.first() {
            self.screen = old;
            return Err(InputError::new(i.key.clone(), i.reason.clone()));
        }
        if Screen::of(&back) != self.screen {
            self.screen = old;
            return Err(InputError::new(
                "screen",
                "does not survive a share link unchanged",
            ));
        }
        Ok(())
    }
}
