//! The chart search: one box over every note, problem, diagnosis and history of one patient.
