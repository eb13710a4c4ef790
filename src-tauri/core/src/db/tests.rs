use super::*;

#[test]
fn every_connection_has_wal_full_sync_foreign_keys_and_busy_timeout() {
    let dir = tempfile::tempdir().unwrap();
    let db = ChartDb::open_unencrypted(&dir.path().join("chart.db")).unwrap();
    db.read(|c| {
        let mode: String = c.query_row("PRAGMA journal_mode", [], |r| r.get(0))?;
        let sync: i64 = c.query_row("PRAGMA synchronous", [], |r| r.get(0))?;
        let fk: i64 = c.query_row("PRAGMA foreign_keys", [], |r| r.get(0))?;
        let timeout: i64 = c.query_row("PRAGMA busy_timeout", [], |r| r.get(0))?;
        assert_eq!(mode, "wal");
        assert_eq!(sync, 2, "synchronous=FULL");
        assert_eq!(fk, 1);
        assert_eq!(timeout, 5000);
        Ok(())
    })
    .unwrap();
}

#[test]
fn a_new_database_is_at_the_current_schema_version() {
    let db = ChartDb::open_in_memory().unwrap();
    let v: i64 = db
        .read(|c| Ok(c.query_row("PRAGMA user_version", [], |r| r.get(0))?))
        .unwrap();
    assert_eq!(v, SCHEMA_VERSION);
}

#[test]
fn a_database_from_a_newer_charta_is_refused_and_left_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("future.db");
    {
        let c = Connection::open(&path).unwrap();
        c.execute_batch("CREATE TABLE from_the_future (x); PRAGMA user_version = 99;")
            .unwrap();
    }
    let err = ChartDb::open_unencrypted(&path).unwrap_err();
    assert!(
        matches!(err, CoreError::SchemaTooNew { found: 99, .. }),
        "{err:?}"
    );
    assert_eq!(err.code(), "schema_too_new");
    let c = Connection::open(&path).unwrap();
    let v: i64 = c
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .unwrap();
    assert_eq!(v, 99);
}

#[test]
fn a_failed_write_changes_nothing() {
    let mut db = ChartDb::open_in_memory().unwrap();
    let result: CoreResult<()> = db.write(|tx| {
        tx.execute(
            "INSERT INTO practice (id, name, time_zone, updated_at) VALUES (1, 'x', 'UTC', 'now')",
            [],
        )?;
        Err(CoreError::invalid("name", "refused on purpose"))
    });
    assert!(result.is_err());
    let rows: i64 = db
        .read(|c| Ok(c.query_row("SELECT COUNT(*) FROM practice", [], |r| r.get(0))?))
        .unwrap();
    assert_eq!(rows, 0, "the insert must have been rolled back");
}

#[test]
fn every_foreign_key_column_is_indexed() {
    let db = ChartDb::open_in_memory().unwrap();
    db.read(|c| {
        let tables: Vec<String> = c
            .prepare("SELECT name FROM sqlite_master WHERE type = 'table'")?
            .query_map([], |r| r.get(0))?
            .collect::<Result<_, _>>()?;
        for table in tables {
            let fks: Vec<String> = c
                .prepare(&format!("SELECT \"from\" FROM pragma_foreign_key_list('{table}')"))?
                .query_map([], |r| r.get(0))?
                .collect::<Result<_, _>>()?;
            for column in fks {
                // A column is indexed if it leads some index of the table (the primary key of a
                // WITHOUT ROWID table counts).
                let leading: Vec<String> = c
                    .prepare(&format!(
                        "SELECT ii.name FROM pragma_index_list('{table}') il, pragma_index_info(il.name) ii WHERE ii.seqno = 0"
                    ))?
                    .query_map([], |r| r.get(0))?
                    .collect::<Result<_, _>>()?;
                assert!(leading.contains(&column), "{table}.{column} is a foreign key without an index");
            }
        }
        Ok(())
    })
    .unwrap();
}

#[test]
fn a_cached_statement_is_not_planned_again_when_its_bound_value_changes() {
    // The medication list's shape: a patient's rows joined to the users who wrote them.
    let db = ChartDb::open_in_memory().unwrap();
    let sql = "SELECT m.id, w.display_name FROM medications m
                 JOIN users w ON w.id = m.written_by WHERE m.patient_id = ?1";
    let replans = db
        .read(|c| {
            for n in 0..4u128 {
                let mut stmt = c.prepare_cached(sql)?;
                let patient = crate::ids::PatientId::from_u128(n).to_string();
                stmt.query_map([patient], |r| r.get::<_, String>(0))?
                    .for_each(drop);
            }
            let stmt = c.prepare_cached(sql)?;
            Ok(stmt.get_status(rusqlite::StatementStatus::RePrepare))
        })
        .unwrap();
    assert_eq!(replans, 0);
}
