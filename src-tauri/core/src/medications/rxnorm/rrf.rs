//! Reading RxNorm Rich Release Format lines: one record a line, fields separated and ended by
//! `|`, streamed from any `BufRead` with one reused buffer, and every malformed line refused
//! with its file name and line number.

use crate::error::{CoreError, CoreResult};
use std::io::BufRead;

/// The form field an error about a file's content is reported against.
pub const FILE_FIELD: &str = "file";

/// The three release files the importer reads, with their documented column counts
/// (RxNorm Technical Documentation, section "Data Files").
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RrfFile {
    /// `RXCUI|LAT|TS|LUI|STT|SUI|ISPREF|RXAUI|SAUI|SCUI|SDUI|SAB|TTY|CODE|STR|SRL|SUPPRESS|CVF|`
    Conso,
    /// `RXCUI1|RXAUI1|STYPE1|REL|RXCUI2|RXAUI2|STYPE2|RELA|RUI|SRUI|SAB|SL|DIR|RG|SUPPRESS|CVF|`
    Rel,
    /// `RXCUI|LUI|SUI|RXAUI|STYPE|CODE|ATUI|SATUI|ATN|SAB|ATV|SUPPRESS|CVF|`
    Sat,
}

impl RrfFile {
    pub const ALL: [RrfFile; 3] = [RrfFile::Conso, RrfFile::Rel, RrfFile::Sat];

    pub fn name(self) -> &'static str {
        match self {
            RrfFile::Conso => "RXNCONSO.RRF",
            RrfFile::Rel => "RXNREL.RRF",
            RrfFile::Sat => "RXNSAT.RRF",
        }
    }

    pub fn fields(self) -> usize {
        match self {
            RrfFile::Conso => 18,
            RrfFile::Rel => 16,
            RrfFile::Sat => 13,
        }
    }
}

/// A line-numbered error about one file's content.
pub fn line_error(file: RrfFile, line: u64, message: impl std::fmt::Display) -> CoreError {
    CoreError::invalid(
        FILE_FIELD,
        format!("{} line {line}: {message}", file.name()),
    )
}

/// Calls `each(line_number, fields)` for every non-blank line of `input`, after checking its
/// field count. Returns the number of lines read. The fields borrow one buffer reused from
/// line to line, so a file of any size is read in constant memory.
pub fn for_each_record(
    file: RrfFile,
    mut input: impl BufRead,
    mut each: impl FnMut(u64, &[&str]) -> CoreResult<()>,
) -> CoreResult<u64> {
    let mut bytes = Vec::with_capacity(512);
    let mut number = 0u64;
    let expected = file.fields();
    loop {
        bytes.clear();
        let read = input
            .read_until(b'\n', &mut bytes)
            .map_err(|e| line_error(file, number + 1, format!("could not be read: {e}")))?;
        if read == 0 {
            return Ok(number);
        }
        number += 1;
        let text = std::str::from_utf8(&bytes)
            .map_err(|_| line_error(file, number, "is not UTF-8 text"))?;
        let text = text.trim_end_matches(['\n', '\r']);
        if text.trim().is_empty() {
            continue;
        }
        // Every field is followed by '|', so a well-formed line ends with one.
        let body = text.strip_suffix('|').unwrap_or(text);
        // A fixed array on the stack: no allocation per line.
        let mut fields = [""; MAX_FIELDS];
        let mut found = 0usize;
        for field in body.split('|') {
            if found < MAX_FIELDS {
                fields[found] = field;
            }
            found += 1;
        }
        if found != expected {
            return Err(line_error(
                file,
                number,
                format!("expected {expected} fields, found {found}"),
            ));
        }
        if !text.ends_with('|') {
            return Err(line_error(
                file,
                number,
                "the last field is not ended by '|'",
            ));
        }
        each(number, &fields[..expected])?;
    }
}

/// The widest file's column count.
const MAX_FIELDS: usize = 18;

/// An RxCUI (or RXAUI) as a number: digits only, as RxNorm issues them.
pub fn parse_id(file: RrfFile, line: u64, column: &str, text: &str) -> CoreResult<u32> {
    if text.is_empty() {
        return Err(line_error(file, line, format!("{column} is empty")));
    }
    if !text.bytes().all(|b| b.is_ascii_digit()) {
        return Err(line_error(
            file,
            line,
            format!("{column} {text:?} is not a number"),
        ));
    }
    text.parse::<u32>()
        .map_err(|_| line_error(file, line, format!("{column} {text:?} is too large")))
}

/// Like [`parse_id`] for a column that may be empty (relations between atoms carry no RxCUI).
pub fn parse_optional_id(
    file: RrfFile,
    line: u64,
    column: &str,
    text: &str,
) -> CoreResult<Option<u32>> {
    if text.is_empty() {
        Ok(None)
    } else {
        parse_id(file, line, column, text).map(Some)
    }
}
