//! Bulk SQL for a generated practice's schedule (owner: the seed helper).
