//! What the page draws with plotters, generic over `DrawingBackend`: on a canvas in the page
//! (plotters-canvas), to SVG in the native tests. The figure command's own drawings (its
//! layout and the network diagram) live apart, in [`crate::figure`], built only natively.

pub mod colormap;
pub mod loss;
pub mod map;
pub mod path;
pub mod raster;
pub mod section;
pub mod surface3d;
pub mod theme;
mod ticks;
