//! The surface's mesh: vertices sampled from the grid, and its quads in the order to paint them
//! (back to front for the current view: the painter's algorithm).

use super::*;

/// The surface's vertices and quads, the quads in the order to paint them.
pub(super) struct Mesh {
    /// Vertices per side.
    pub(super) m: usize,
    /// Row-major, m x m: (w1, cost, w2), `None` where the cost is missing.
    pub(super) verts: Vec<Option<P3>>,
    /// Quads per side of a mesh-line block.
    pub(super) every: usize,
    /// The quads with all four corners, back to front.
    pub(super) faces: Vec<Face>,
}

#[derive(Clone, Copy, Debug)]
pub(super) struct Face {
    /// The quad's first vertex (row, column), in mesh vertices.
    pub(super) at: (usize, usize),
    /// The first vertex of its block.
    pub(super) block: (usize, usize),
    /// Whether, cut along the diagonal from its first vertex, the half with its second
    /// vertex is the one farther away.
    pub(super) first_half_farther: bool,
}

impl Mesh {
    /// The surface with at most `max_quads` quads per side, sampled evenly from the grid.
    pub(super) fn new(s: &Surface3d, layout: &Layout3d, max_quads: usize) -> Mesh {
        let g = &s.grid;
        let rows = sample(layout.n, max_quads);
        let m = rows.len();
        let verts: Vec<Option<P3>> = rows
            .iter()
            .flat_map(|&i| rows.iter().map(move |&j| (i, j)))
            .map(|(i, j)| s.cost(i, j).map(|c| (g.w1(j), c, g.w2(i))))
            .collect();
        let quads = m.saturating_sub(1);
        // Back to front. Seen from above, a point can only hide points farther away on the
        // floor, beyond it in the direction the eye looks: a quad can only hide quads in the
        // same or farther rows and the same or farther columns. So rows from the far side
        // to the near one, each from its far end to its near end, is an exact painter's
        // order (whatever the quads' sizes), and so is the same order over blocks of quads,
        // then within each block. The mesh divides the surface into blocks of `every` x
        // `every` quads, each drawn with its outline after its faces: a line drawn with each
        // face would be nicked at every vertex by the faces painted after it.
        let every = quads.div_ceil(MESH_LINES).max(1);
        let far_w1_last = layout.x_back > layout.x_front;
        let far_w2_last = layout.z_back > layout.z_front;
        let order = |count: usize, reverse: bool| {
            (0..count).map(move |k| if reverse { count - 1 - k } else { k })
        };
        let blocks = quads.div_ceil(every);
        let c_mid = (layout.cost.0 + layout.cost.1) / 2.0;
        let ground = |w1: f64, w2: f64| layout.depth((w1, c_mid, w2));
        let mut faces = Vec::with_capacity(quads * quads);
        for ba in order(blocks, far_w2_last) {
            for bb in order(blocks, far_w1_last) {
                let (a0, b0) = (ba * every, bb * every);
                let (na, nb) = (every.min(quads - a0), every.min(quads - b0));
                for a in order(na, far_w2_last).map(|k| a0 + k) {
                    for b in order(nb, far_w1_last).map(|k| b0 + k) {
                        let vert = |a: usize, b: usize| verts[a * m + b];
                        let quad = [
                            vert(a, b),
                            vert(a, b + 1),
                            vert(a + 1, b + 1),
                            vert(a + 1, b),
                        ];
                        let [Some(p0), Some(p1), Some(p2), Some(p3)] = quad else {
                            continue;
                        };
                        // Cut along p0-p2, the halves lie on either side of the cut: the one
                        // whose centre is farther on the floor goes first.
                        let centre = |[x, y, z]: [P3; 3]| {
                            ground((x.0 + y.0 + z.0) / 3.0, (x.2 + y.2 + z.2) / 3.0)
                        };
                        faces.push(Face {
                            at: (a, b),
                            block: (a0, b0),
                            first_half_farther: centre([p0, p1, p2]) >= centre([p0, p2, p3]),
                        });
                    }
                }
            }
        }
        Mesh {
            m,
            verts,
            every,
            faces,
        }
    }

    pub(super) fn vert(&self, a: usize, b: usize) -> Option<P3> {
        self.verts[a * self.m + b]
    }

    /// A face's corners, around it. Faces only exist where all four do.
    pub(super) fn corners(&self, f: &Face) -> [P3; 4] {
        let (a, b) = f.at;
        [(a, b), (a, b + 1), (a + 1, b + 1), (a + 1, b)]
            .map(|(a, b)| self.vert(a, b).unwrap_or_default())
    }

    /// The mesh lines around the block starting at `(a0, b0)`, segment by segment, as
    /// indices into `verts`, where both ends exist.
    pub(super) fn outline(
        &self,
        (a0, b0): (usize, usize),
    ) -> impl Iterator<Item = (usize, usize)> + '_ {
        let m = self.m;
        let (a1, b1) = ((a0 + self.every).min(m - 1), (b0 + self.every).min(m - 1));
        let across = (b0..b1)
            .flat_map(move |b| [(a0 * m + b, a0 * m + b + 1), (a1 * m + b, a1 * m + b + 1)]);
        let down = (a0..a1).flat_map(move |a| {
            [
                (a * m + b0, (a + 1) * m + b0),
                (a * m + b1, (a + 1) * m + b1),
            ]
        });
        across
            .chain(down)
            .filter(|&(p, q)| self.verts[p].is_some() && self.verts[q].is_some())
    }
}
