//! The one error type for data files, so that every refusal names the file, the feature and the
//! problem in the same words wherever it is shown (log, command line, side panel).

use std::fmt;

/// A data file that was refused, with enough detail for a user to find and fix the problem.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DataError {
    /// The file as the user would recognise it (a path, or `bundled geodata/events.geojson`).
    pub file: String,
    /// Which feature was wrong: `#3` (zero-based index) and its id when it has one.
    pub feature: Option<String>,
    /// What is wrong, in plain words.
    pub problem: String,
    /// Where in the file, when known: 1-based line and column (in characters).
    pub at: Option<(usize, usize)>,
}

impl DataError {
    /// A problem with the file as a whole (unreadable, not JSON, not GeoJSON).
    pub fn file(file: &str, problem: impl Into<String>) -> Self {
        Self {
            file: file.to_owned(),
            feature: None,
            problem: problem.into(),
            at: None,
        }
    }

    /// A problem with one feature, named by its index and, if known, its id.
    pub fn feature(file: &str, index: usize, id: Option<&str>, problem: impl Into<String>) -> Self {
        let feature = match id {
            Some(id) => format!("#{index} (id \"{id}\")"),
            None => format!("#{index}"),
        };
        Self {
            file: file.to_owned(),
            feature: Some(feature),
            problem: problem.into(),
            at: None,
        }
    }

    /// A problem with one feature, named by its index and what the file calls it
    /// (`waypoint 2, "Saravan"`, `placemark "Panjgur"`).
    pub fn labelled(file: &str, index: usize, label: &str, problem: impl Into<String>) -> Self {
        Self {
            file: file.to_owned(),
            feature: Some(format!("#{index} ({label})")),
            problem: problem.into(),
            at: None,
        }
    }

    /// A problem with one row of a table file (CSV), named by its 1-based data row, the header
    /// not counted, as a spreadsheet user would count them.
    pub fn row(file: &str, row: usize, problem: impl Into<String>) -> Self {
        Self {
            file: file.to_owned(),
            feature: Some(format!("row {row}")),
            problem: problem.into(),
            at: None,
        }
    }

    /// The same problem, found at this line and column of the file.
    pub fn at(self, line: usize, column: usize) -> Self {
        Self {
            at: Some((line, column)),
            ..self
        }
    }
}

impl fmt::Display for DataError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.file)?;
        if let Some((line, column)) = self.at {
            write!(f, ":{line}:{column}")?;
        }
        match &self.feature {
            Some(row) if row.starts_with("row ") => write!(f, ": {row}")?,
            Some(feature) => write!(f, ": feature {feature}")?,
            None => {}
        }
        write!(f, ": {}", self.problem)
    }
}

impl std::error::Error for DataError {}
