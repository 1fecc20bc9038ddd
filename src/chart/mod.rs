//! Plotters drawings, generic over `DrawingBackend`: the page draws them on a canvas
//! (plotters-canvas), native tests and the figure command render them to SVG.

pub mod colormap;
pub mod figure;
pub mod loss;
pub mod map;
pub mod network;
pub mod path;
pub mod raster;
pub mod section;
pub mod surface3d;
pub mod theme;
mod ticks;
