//! Side panel pieces. Each reads the app state it is given and draws it; only the layer list
//! writes back (its checkboxes).

pub mod article;
pub mod event_details;
pub mod layers;
