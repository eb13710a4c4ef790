//! A generated practice's schedule (owner: the seed helper): set-up for ten providers and fifteen years of appointments.
