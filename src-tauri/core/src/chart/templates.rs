//! The practice's note templates per visit type, with the starter set.
