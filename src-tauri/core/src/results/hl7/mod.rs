//! HL7 v2 text as Charta reads it: the file split into segments (CR, LF or CRLF line ends),
//! fields by the separator MSH declares, repetitions, components and subcomponents by its
//! encoding characters, and escape sequences (`\F\ \S\ \T\ \R\ \E\ \.br\ \Xhh\`) undone.
//! `oru` reads an ORU^R01 message from it; every error names the segment and its line.

pub mod oru;

#[cfg(test)]
pub(crate) mod tests;

/// One segment of the file and the line it was on (1-based).
#[derive(Debug, Clone)]
pub struct Segment {
    pub name: String,
    pub line: usize,
    /// Fields as sent (still escaped). `fields[0]` is the name; for MSH, `fields[1]` is the
    /// field separator itself so that MSH-n is `fields[n]` like every other segment.
    fields: Vec<String>,
}

/// The separators a message declared in MSH-1 and MSH-2.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Encoding {
    pub field: char,
    pub component: char,
    pub repetition: char,
    pub escape: char,
    pub subcomponent: char,
}

/// A whole message: its encoding and segments in order.
#[derive(Debug, Clone)]
pub struct Message {
    pub encoding: Encoding,
    pub segments: Vec<Segment>,
}

/// A parse failure, already worded: "OBX 4 (line 9): …".
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hl7Error(pub String);

impl std::fmt::Display for Hl7Error {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// Where an error is: "MSH (line 1)" or "OBX 4 (line 9)" (the segment's set id when it has one).
pub fn place(segment: &Segment) -> String {
    let set_id = match segment.name.as_str() {
        "OBX" | "OBR" | "NTE" | "ORC" => segment.raw(1).trim().to_string(),
        _ => String::new(),
    };
    if set_id.is_empty() || set_id.len() > 6 {
        format!("{} (line {})", segment.name, segment.line)
    } else {
        format!("{} {} (line {})", segment.name, set_id, segment.line)
    }
}

pub fn error_at(segment: &Segment, message: impl std::fmt::Display) -> Hl7Error {
    Hl7Error(format!("{}: {message}", place(segment)))
}

impl Segment {
    /// Field `n` as sent (empty when absent).
    pub fn raw(&self, n: usize) -> &str {
        self.fields.get(n).map(String::as_str).unwrap_or("")
    }
}

impl Message {
    /// Splits the file into segments and reads the encoding from MSH, which must come first.
    pub fn parse(text: &str) -> Result<Message, Hl7Error> {
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        let mut lines: Vec<(usize, &str)> = Vec::new();
        let mut line_no = 1;
        let mut start = 0;
        let bytes = text.as_bytes();
        let mut i = 0;
        while i < bytes.len() {
            if bytes[i] == b'\r' || bytes[i] == b'\n' {
                lines.push((line_no, &text[start..i]));
                line_no += 1;
                if bytes[i] == b'\r' && bytes.get(i + 1) == Some(&b'\n') {
                    i += 1;
                }
                start = i + 1;
            }
            i += 1;
        }
        if start < text.len() {
            lines.push((line_no, &text[start..]));
        }
        let mut lines = lines.into_iter().filter(|(_, l)| !l.trim().is_empty());
        let Some((first_no, first)) = lines.next() else {
            return Err(Hl7Error(
                "MSH (line 1): the file is empty; a result file starts with an MSH segment".into(),
            ));
        };
        if !first.starts_with("MSH") {
            let name: String = first.chars().take(3).collect();
            return Err(Hl7Error(format!(
                "MSH (line {first_no}): the file must start with an MSH segment, not {name:?}"
            )));
        }
        let encoding = read_encoding(first, first_no)?;
        let mut segments = vec![split_msh(first, first_no, encoding)];
        for (no, line) in lines {
            let fields: Vec<String> = line.split(encoding.field).map(str::to_string).collect();
            let name = fields.first().cloned().unwrap_or_default();
            let well_formed = name.len() == 3
                && name
                    .chars()
                    .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit());
            if !well_formed {
                let shown: String = name.chars().take(12).collect();
                return Err(Hl7Error(format!(
                    "line {no}: {shown:?} is not a segment name (three capital letters or digits)"
                )));
            }
            segments.push(Segment {
                name,
                line: no,
                fields,
            });
        }
        Ok(Message { encoding, segments })
    }

    /// Field `n` of a segment, its repetitions split.
    pub fn repetitions<'a>(&self, segment: &'a Segment, n: usize) -> Vec<&'a str> {
        let raw = segment.raw(n);
        if segment.name == "MSH" && n <= 2 {
            return vec![raw];
        }
        raw.split(self.encoding.repetition).collect()
    }

    /// Component `c` (1-based) of a field value (one repetition), unescaped.
    pub fn component(&self, value: &str, c: usize) -> String {
        let part = value
            .split(self.encoding.component)
            .nth(c - 1)
            .unwrap_or("");
        let first_sub = part.split(self.encoding.subcomponent).next().unwrap_or("");
        self.unescape(first_sub)
    }

    /// A whole field (first repetition), unescaped, components and all kept as sent.
    pub fn text(&self, segment: &Segment, n: usize) -> String {
        let first = self
            .repetitions(segment, n)
            .into_iter()
            .next()
            .unwrap_or("");
        self.unescape(first)
    }

    /// Undoes HL7 escapes. An unknown or unterminated escape is kept as sent.
    pub fn unescape(&self, value: &str) -> String {
        let esc = self.encoding.escape;
        if !value.contains(esc) {
            return value.to_string();
        }
        let mut out = String::with_capacity(value.len());
        let mut rest = value;
        while let Some(at) = rest.find(esc) {
            out.push_str(&rest[..at]);
            let after = &rest[at + esc.len_utf8()..];
            let Some(end) = after.find(esc) else {
                out.push_str(&rest[at..]);
                return out;
            };
            let code = &after[..end];
            match code {
                "F" => out.push(self.encoding.field),
                "S" => out.push(self.encoding.component),
                "T" => out.push(self.encoding.subcomponent),
                "R" => out.push(self.encoding.repetition),
                "E" => out.push(esc),
                ".br" => out.push('\n'),
                _ if code.len() > 1 && code.starts_with('X') => match hex_text(&code[1..]) {
                    Some(t) => out.push_str(&t),
                    None => {
                        out.push(esc);
                        out.push_str(code);
                        out.push(esc);
                    }
                },
                // Highlighting and formatting escapes (\H\ \N\ \.sp\ …) carry no text.
                "H" | "N" => {}
                _ if code.starts_with('.') => {}
                _ => {
                    out.push(esc);
                    out.push_str(code);
                    out.push(esc);
                }
            }
            rest = &after[end + esc.len_utf8()..];
        }
        out.push_str(rest);
        out
    }
}

fn hex_text(hex: &str) -> Option<String> {
    if !hex.len().is_multiple_of(2) || !hex.is_ascii() {
        return None;
    }
    let bytes: Option<Vec<u8>> = (0..hex.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(&hex[i..i + 2], 16).ok())
        .collect();
    let bytes = bytes?;
    Some(match String::from_utf8(bytes.clone()) {
        Ok(t) => t,
        Err(_) => bytes.iter().map(|&b| b as char).collect(),
    })
}

fn read_encoding(line: &str, no: usize) -> Result<Encoding, Hl7Error> {
    let mut chars = line.chars().skip(3);
    let bad = |why: &str| Hl7Error(format!("MSH (line {no}): {why}"));
    let field = chars
        .next()
        .ok_or_else(|| bad("MSH-1 (the field separator) is missing"))?;
    let declared: String = chars.take_while(|&c| c != field).collect();
    let enc: Vec<char> = declared.chars().collect();
    if enc.len() != 4 {
        return Err(bad(&format!(
            "MSH-2 encoding characters {declared:?} must be four characters (normally ^~\\&)"
        )));
    }
    let mut all = enc.clone();
    all.push(field);
    let distinct = all
        .iter()
        .enumerate()
        .all(|(i, c)| !all[i + 1..].contains(c));
    if !distinct || all.iter().any(|c| c.is_alphanumeric() || c.is_whitespace()) {
        return Err(bad(&format!(
            "MSH-2 encoding characters {declared:?} must be four different punctuation characters (normally ^~\\&)"
        )));
    }
    Ok(Encoding {
        field,
        component: enc[0],
        repetition: enc[1],
        escape: enc[2],
        subcomponent: enc[3],
    })
}

fn split_msh(line: &str, no: usize, encoding: Encoding) -> Segment {
    // "MSH|^~\&|A|B" → ["MSH", "|", "^~\&", "A", "B"]: MSH-1 is the separator itself.
    let mut parts = line.split(encoding.field);
    let name = parts.next().unwrap_or("MSH").to_string();
    let mut fields = vec![name.clone(), encoding.field.to_string()];
    fields.extend(parts.map(str::to_string));
    Segment {
        name,
        line: no,
        fields,
    }
}
