//! The JSON path at a position of a JSON text, such as `entity.tickets[0].name`.
//!
//! serde_json's errors carry a line and a column but no path. Tracking the path while
//! deserializing (serde_path_to_error) would need a second copy of every payload type's
//! deserializer, and that copy doubled the runtime's build time once the catalog grew. Instead,
//! after a failed parse, this scans the text up to the error's position, which needs no type at
//! all: the path is the chain of keys and indexes still open there.

/// One level of nesting open at the scan's position.
enum Frame {
    /// An object, with the key whose value is being read (`None` before the first key, or
    /// between a `,` and the next key).
    Object {
        key: Option<String>,
        expect_key: bool,
    },
    /// An array, with the index of the item being read.
    Array { index: usize },
}

/// The path at 1-based `line` and `column` (as serde_json counts them: bytes) of `text`:
/// `.` for the top level, a `?` where a key was expected but not read.
pub(crate) fn path_at(text: &[u8], line: usize, column: usize) -> String {
    let end = offset_of(text, line, column).min(text.len());
    let (mut stack, last) = scan(&text[..end]);
    // An error right after an opening bracket is about the container itself ("invalid type:
    // map, expected a string"), not about its first item.
    if let Some(b'{' | b'[') = last {
        stack.pop();
    }
    render(&stack)
}

/// The byte offset of a (1-based line, column) position.
fn offset_of(text: &[u8], line: usize, column: usize) -> usize {
    let line_start = if line <= 1 {
        0
    } else {
        text.iter()
            .enumerate()
            .filter(|(_, byte)| **byte == b'\n')
            .nth(line - 2)
            .map_or(text.len(), |(i, _)| i + 1)
    };
    line_start.saturating_add(column)
}

/// The levels open at the end of `text`, and the last byte read outside whitespace (`"` for a
/// string, finished or not).
fn scan(text: &[u8]) -> (Vec<Frame>, Option<u8>) {
    let mut stack = Vec::new();
    let mut last = None;
    let mut i = 0;
    while i < text.len() {
        if !text[i].is_ascii_whitespace() {
            last = Some(text[i]);
        }
        match text[i] {
            b'{' => stack.push(Frame::Object {
                key: None,
                expect_key: true,
            }),
            b'[' => stack.push(Frame::Array { index: 0 }),
            b'}' | b']' => {
                stack.pop();
            }
            b',' => match stack.last_mut() {
                Some(Frame::Array { index }) => *index += 1,
                Some(Frame::Object { key, expect_key }) => {
                    *key = None;
                    *expect_key = true;
                }
                None => {}
            },
            b':' => {
                if let Some(Frame::Object { expect_key, .. }) = stack.last_mut() {
                    *expect_key = false;
                }
            }
            b'"' => {
                let (string, next) = read_string(text, i + 1);
                if let Some(Frame::Object {
                    key,
                    expect_key: true,
                }) = stack.last_mut()
                {
                    *key = Some(string);
                }
                i = next;
                continue;
            }
            _ => {}
        }
        i += 1;
    }
    (stack, last)
}

/// The string starting after its opening quote at `start`, unescaped as far as a path needs
/// (escapes are kept as written but for `\"`, `\\` and `\/`), and the index after its closing
/// quote.
fn read_string(text: &[u8], start: usize) -> (String, usize) {
    let mut bytes = Vec::new();
    let mut i = start;
    while i < text.len() {
        match text[i] {
            b'"' => return (String::from_utf8_lossy(&bytes).into_owned(), i + 1),
            b'\\' if i + 1 < text.len() => {
                match text[i + 1] {
                    escaped @ (b'"' | b'\\' | b'/') => bytes.push(escaped),
                    other => bytes.extend_from_slice(&[b'\\', other]),
                }
                i += 2;
            }
            byte => {
                bytes.push(byte);
                i += 1;
            }
        }
    }
    (String::from_utf8_lossy(&bytes).into_owned(), i)
}

fn render(stack: &[Frame]) -> String {
    let mut path = String::new();
    for frame in stack {
        match frame {
            Frame::Object { key, .. } => {
                if !path.is_empty() {
                    path.push('.');
                }
                // `?`: inside an object, where no key was read yet.
                path.push_str(key.as_deref().unwrap_or("?"));
            }
            Frame::Array { index } => {
                path.push('[');
                path.push_str(&index.to_string());
                path.push(']');
            }
        }
    }
    if path.is_empty() {
        ".".to_owned()
    } else {
        path
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The path serde_json's error on `text` points at, parsing as `T`.
    fn path_of<T: serde::de::DeserializeOwned + std::fmt::Debug>(text: &str) -> String {
        let error = serde_json::from_str::<T>(text).unwrap_err();
        path_at(text.as_bytes(), error.line(), error.column())
    }

    #[derive(Debug, serde::Deserialize)]
    #[allow(dead_code)]
    struct Ticket {
        number: String,
        count: u32,
    }

    #[derive(Debug, serde::Deserialize)]
    #[allow(dead_code)]
    struct Entity {
        tickets: Vec<Ticket>,
    }

    #[derive(Debug, serde::Deserialize)]
    #[allow(dead_code)]
    struct Payload {
        entity: Entity,
    }

    #[test]
    fn a_wrong_type_is_found_at_its_field_inside_arrays() {
        let text = r#"{"entity": {"tickets": [{"number": "1", "count": 1},
            {"number": "2", "count": "two"}]}}"#;
        assert_eq!(path_of::<Payload>(text), "entity.tickets[1].count");
    }

    #[test]
    fn a_missing_field_is_found_at_its_object() {
        let text = r#"{"entity": {"tickets": [{"number": "1"}]}}"#;
        assert_eq!(path_of::<Payload>(text), "entity.tickets[0]");
    }

    #[test]
    fn a_syntax_error_where_a_key_belongs_is_a_question_mark() {
        let text = "{\n  \"entity\": {,\n}";
        assert_eq!(path_of::<Payload>(text), "entity.?");
    }

    #[test]
    fn keys_with_escapes_and_brackets_in_strings_do_not_confuse_the_scan() {
        let text = r#"{"a]\"{": "}[,", "entity": {"tickets": 5}}"#;
        assert_eq!(path_of::<Payload>(text), "entity.tickets");
    }

    #[test]
    fn a_container_of_the_wrong_kind_is_found_at_its_field() {
        // A struct may also be read from an array of its fields: then the first item is wrong.
        assert_eq!(path_of::<Payload>(r#"{"entity": [1]}"#), "entity[0]");
        assert_eq!(
            path_of::<Payload>(r#"{"entity": {"tickets": {}}}"#),
            "entity.tickets"
        );
    }

    #[test]
    fn an_opening_bracket_inside_a_string_is_not_a_container() {
        #[derive(Debug, serde::Deserialize)]
        #[allow(dead_code)]
        struct Metadata {
            id: u32,
        }
        #[derive(Debug, serde::Deserialize)]
        #[allow(dead_code)]
        struct WithMetadata {
            metadata: Metadata,
        }
        assert_eq!(
            path_of::<WithMetadata>("{\"metadata\": {\"id\": \"x{\n\"}}"),
            "metadata.id"
        );
    }

    #[test]
    fn the_top_level_is_a_dot() {
        assert_eq!(path_of::<Payload>(r#""a string""#), ".");
        assert_eq!(path_of::<Payload>(r#"{"entity": {"tickets": []}} x"#), ".");
    }
}
