//! A sketch layer: what a user draws on the map (points, lines, polygons, text labels,
//! arrows), each mark a feature that carries its title, description, source, date and how sure
//! its position is, as the story's events do, with simplestyle colours. Every edit goes
//! through [`Sketch::edit`], which keeps the marks as they were for undo and redo. Plain types:
//! no egui. GeoJSON and KML writing live in `formats`.
//!
//! ```
//! use strikemap::data::sketch::{Mark, MarkKind, Sketch};
//!
//! let mut sketch = Sketch::new("Notes");
//! sketch.edit(|marks| marks.push(Mark::new(MarkKind::Line, vec![[62.3, 27.4], [61.5, 28.0]])));
//! sketch.edit(|marks| marks[0].points[1] = [61.0, 28.5]);
//! sketch.undo();
//! assert_eq!(sketch.marks[0].points[1], [61.5, 28.0]);
//! sketch.redo();
//! assert_eq!(sketch.marks[0].points[1], [61.0, 28.5]);
//! ```

pub mod style;

use serde::{Deserialize, Serialize};

pub use style::MarkStyle;

/// Edits kept for undo; older ones are forgotten.
const UNDO_DEPTH: usize = 200;

/// What a mark is drawn as.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum MarkKind {
    /// One point, drawn as a marker.
    Point,
    /// A path of two or more points.
    Line,
    /// A closed ring of three or more points (not repeated at the end).
    Polygon,
    /// A point with its title written on the map.
    Label,
    /// A path with an arrowhead at its last point.
    Arrow,
}

impl MarkKind {
    pub const ALL: [Self; 5] = [
        Self::Point,
        Self::Line,
        Self::Polygon,
        Self::Label,
        Self::Arrow,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Self::Point => "point",
            Self::Line => "line",
            Self::Polygon => "polygon",
            Self::Label => "label",
            Self::Arrow => "arrow",
        }
    }

    /// The fewest points a finished mark of this kind has.
    pub fn min_points(self) -> usize {
        match self {
            Self::Point | Self::Label => 1,
            Self::Line | Self::Arrow => 2,
            Self::Polygon => 3,
        }
    }

    /// Whether it is drawn with one click (a point) rather than a path of clicks.
    pub fn is_single(self) -> bool {
        self.min_points() == 1
    }
}

/// How sure a mark's position is, as for the story's events.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize, Default)]
#[serde(tag = "kind", rename_all = "lowercase")]
pub enum Certainty {
    /// Where it is known to be.
    #[default]
    Exact,
    /// Somewhere within `radius_m` metres of where it is drawn.
    Approximate { radius_m: f64 },
    /// A stand-in position (a town's centre for "near the town"), not the place itself.
    Standin,
}

impl Certainty {
    pub fn name(self) -> &'static str {
        match self {
            Self::Exact => "exact",
            Self::Approximate { .. } => "approximate",
            Self::Standin => "stand-in",
        }
    }
}

/// One mark: its geometry (longitude, latitude), what it says, where that came from, and how it
/// looks.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Mark {
    pub kind: MarkKind,
    pub points: Vec<[f64; 2]>,
    #[serde(default)]
    pub title: String,
    #[serde(default)]
    pub description: String,
    /// Where what the mark shows was reported (a URL, or a source's name).
    #[serde(default)]
    pub source: String,
    /// The date the mark is about, as written (ISO 8601 where it is known).
    #[serde(default)]
    pub date: String,
    #[serde(default)]
    pub certainty: Certainty,
    #[serde(default)]
    pub style: MarkStyle,
}

impl Mark {
    pub fn new(kind: MarkKind, points: Vec<[f64; 2]>) -> Self {
        Self {
            kind,
            points,
            title: String::new(),
            description: String::new(),
            source: String::new(),
            date: String::new(),
            certainty: Certainty::Exact,
            style: MarkStyle::for_kind(kind),
        }
    }

    /// Whether it has the points its kind needs.
    pub fn is_complete(&self) -> bool {
        self.points.len() >= self.kind.min_points()
    }

    /// Whether a vertex can be taken away and leave a whole mark.
    pub fn can_delete_vertex(&self) -> bool {
        self.points.len() > self.kind.min_points()
    }

    /// Whether the mark is drawn closed (a vertex may be inserted after the last one).
    pub fn is_closed(&self) -> bool {
        self.kind == MarkKind::Polygon
    }

    /// Shift every point by `delta` degrees (longitude, latitude).
    pub fn translate(&mut self, delta: [f64; 2]) {
        for p in &mut self.points {
            p[0] += delta[0];
            p[1] = (p[1] + delta[1]).clamp(-85.0, 85.0);
        }
    }

    /// A name for lists: the title, or the kind.
    pub fn label(&self) -> String {
        match self.title.trim() {
            "" => format!("Untitled {}", self.kind.name()),
            title => title.to_owned(),
        }
    }
}

/// A sketch layer: its marks, and the edits that can be undone and redone.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Sketch {
    pub name: String,
    pub marks: Vec<Mark>,
    #[serde(default = "shown")]
    pub visible: bool,
    /// The marks before each edit, the latest last.
    #[serde(skip)]
    undo: Vec<Vec<Mark>>,
    /// The marks undone, the latest last.
    #[serde(skip)]
    redo: Vec<Vec<Mark>>,
    /// What the last edit changed, when it was one that later keystrokes of the same field
    /// join (see [`Sketch::edit_merging`]).
    #[serde(skip)]
    merging: Option<String>,
}

/// Two sketches are the same when they hold the same marks; the edits that led there do not
/// count (a project undone back to where it was saved has no unsaved changes).
impl PartialEq for Sketch {
    fn eq(&self, other: &Self) -> bool {
        self.name == other.name && self.marks == other.marks && self.visible == other.visible
    }
}

fn shown() -> bool {
    true
}

impl Sketch {
    pub fn new(name: &str) -> Self {
        Self {
            name: name.to_owned(),
            marks: Vec::new(),
            visible: true,
            undo: Vec::new(),
            redo: Vec::new(),
            merging: None,
        }
    }

    /// A sketch of marks read from a file.
    pub fn with_marks(name: &str, marks: Vec<Mark>) -> Self {
        Self {
            marks,
            ..Self::new(name)
        }
    }

    /// Change the marks; the change can be undone. An edit that changes nothing is not kept.
    pub fn edit<R>(&mut self, change: impl FnOnce(&mut Vec<Mark>) -> R) -> R {
        self.merging = None;
        let before = self.marks.clone();
        let result = change(&mut self.marks);
        if self.marks != before {
            self.undo.push(before);
            if self.undo.len() > UNDO_DEPTH {
                self.undo.remove(0);
            }
            self.redo.clear();
        }
        result
    }

    /// An edit that joins the previous one when that changed the same `what` (a mark's field),
    /// so typing a title or dragging a slider is one undo, not one per keystroke.
    pub fn edit_merging(&mut self, what: &str, change: impl FnOnce(&mut Vec<Mark>)) {
        if self.merging.as_deref() == Some(what) && !self.undo.is_empty() {
            change(&mut self.marks);
            self.redo.clear();
        } else {
            let changed = self.edit(|marks| {
                let before = marks.clone();
                change(marks);
                *marks != before
            });
            if changed {
                self.merging = Some(what.to_owned());
            }
        }
    }

    /// Keep the marks as they are now as the state to undo to, before a change made in steps
    /// (a drag): the steps then change `marks` directly, and one undo takes them all back.
    pub fn begin_change(&mut self) {
        self.merging = None;
        self.undo.push(self.marks.clone());
        self.redo.clear();
    }

    /// End a change begun with [`Sketch::begin_change`]: forgotten if it changed nothing.
    pub fn end_change(&mut self) {
        if self.undo.last() == Some(&self.marks) {
            self.undo.pop();
        }
    }

    pub fn can_undo(&self) -> bool {
        !self.undo.is_empty()
    }

    pub fn can_redo(&self) -> bool {
        !self.redo.is_empty()
    }

    /// Take back the last edit. Gives whether there was one.
    pub fn undo(&mut self) -> bool {
        self.merging = None;
        let Some(before) = self.undo.pop() else {
            return false;
        };
        self.redo.push(std::mem::replace(&mut self.marks, before));
        true
    }

    /// Make the last undone edit again. Gives whether there was one.
    pub fn redo(&mut self) -> bool {
        self.merging = None;
        let Some(after) = self.redo.pop() else {
            return false;
        };
        self.undo.push(std::mem::replace(&mut self.marks, after));
        true
    }
}
