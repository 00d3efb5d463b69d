//! Template values built as Tera's own values, with the map keys written
//! in the code kept as `&'static str`. Building them first as JSON and
//! converting took a copy of every value and every key per page.

pub use tera::Value;
use tera::value::{Key, Map};

/// A template value in the shape `serde_json::json!` takes:
/// `value!({ "name": expr, … })` for a map with fixed keys,
/// `value!([a, b])` for a list, `value!(expr)` for anything that converts
/// into a [`Value`]. A map's values are expressions: a map inside a map is
/// another `value!({ … })`.
macro_rules! value {
    ({ $($k:literal : $v:expr),* $(,)? }) => {
        $crate::render::value::map(
            [$(($k, $crate::render::value::Value::from($v))),*]
        )
    };
    ([ $($v:expr),* $(,)? ]) => {
        $crate::render::value::Value::from(
            vec![$($crate::render::value::Value::from($v)),*]
        )
    };
    ($v:expr) => {
        $crate::render::value::Value::from($v)
    };
}
pub(crate) use value;

/// A map of `entries`, keys as written.
pub fn map<const N: usize>(entries: [(&'static str, Value); N]) -> Value {
    from_entries(&entries)
}

/// A map of `entries`, however many.
pub fn map_of(entries: impl IntoIterator<Item = (&'static str, Value)>) -> Value {
    let entries: Vec<(&'static str, Value)> = entries.into_iter().collect();
    from_entries(&entries)
}

/// Entries as the fields of a struct, which is how Tera's serializer
/// makes a map hashing each key once and taking each value as it is (a
/// clone: a count of references, or a short string). Making a map into a
/// value with `From` hashes it a second time, into another map.
struct Entries<'a>(&'a [(&'static str, Value)]);

impl serde::Serialize for Entries<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let mut map = s.serialize_struct("", self.0.len())?;
        for (k, v) in self.0 {
            map.serialize_field(k, v)?;
        }
        map.end()
    }
}

fn from_entries(entries: &[(&'static str, Value)]) -> Value {
    // Values into values cannot fail; were it to, the map the slow way.
    Value::try_from_serializable(&Entries(entries)).unwrap_or_else(|_| {
        let mut m = Map::with_capacity(entries.len());
        for (k, v) in entries {
            m.insert(Key::Str(k), v.clone());
        }
        Value::from(m)
    })
}

/// A map of `entries` whose keys are made at run time.
pub fn map_owned(entries: impl IntoIterator<Item = (String, Value)>) -> Value {
    let mut m = Map::new();
    for (k, v) in entries {
        m.insert(Key::String(k.into()), v);
    }
    Value::from(m)
}

/// The value templates test as `none`, as JSON's `null` was.
pub fn null() -> Value {
    Value::none()
}

/// Reading and setting a map's fields by name, as `serde_json::Value`'s
/// indexing did.
pub trait Fields {
    /// The field `key`, or none when there is no such field or this is
    /// not a map.
    fn at<'s>(&'s self, key: &'s str) -> &'s Value;
    /// Sets the field `key`, making this a map if it was not one.
    fn set(&mut self, key: &'static str, x: impl Into<Value>);
    /// For setting several fields: Tera rebuilds a map each time one is
    /// made into a value, so they are gathered and the map made once, when
    /// the returned guard is dropped.
    fn edit(&mut self) -> Editing<'_>;
}

/// Fields being set on a value; see [`Fields::edit`].
pub struct Editing<'v> {
    target: &'v mut Value,
    map: Map,
}

impl Editing<'_> {
    pub fn set(&mut self, key: &'static str, x: impl Into<Value>) {
        self.map.insert(Key::Str(key), x.into());
    }
}

impl Drop for Editing<'_> {
    fn drop(&mut self) {
        *self.target = Value::from(std::mem::take(&mut self.map));
    }
}

impl Fields for Value {
    fn at<'s>(&'s self, key: &'s str) -> &'s Value {
        static NONE: std::sync::OnceLock<Value> = std::sync::OnceLock::new();
        self.as_map()
            .and_then(|m| m.get(&Key::Str(key)))
            .unwrap_or_else(|| NONE.get_or_init(Value::none))
    }

    fn set(&mut self, key: &'static str, x: impl Into<Value>) {
        let mut m = std::mem::replace(self, Value::none())
            .into_map()
            .unwrap_or_default();
        m.insert(Key::Str(key), x.into());
        *self = Value::from(m);
    }

    fn edit(&mut self) -> Editing<'_> {
        let map = std::mem::replace(self, Value::none())
            .into_map()
            .unwrap_or_default();
        Editing { target: self, map }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn maps_lists_and_nulls_read_back() {
        let mut v = value!({
            "name": value!({ "text": "Hồi", "lang": null() }),
            "stars": 4u8,
            "tags": value!(["a", "b"]),
            "url": Some("/san-pham/hoi/"),
        });
        assert_eq!(v.at("name").at("text").as_str(), Some("Hồi"));
        assert!(v.at("name").at("lang").is_none());
        assert_eq!(v.at("stars").as_u64(), Some(4));
        assert_eq!(v.at("tags").len(), Some(2));
        assert_eq!(v.at("url").as_str(), Some("/san-pham/hoi/"));
        assert!(v.at("missing").is_none());
        assert!(v.at("stars").at("deeper").is_none());
        v.set("url", null());
        assert!(v.at("url").is_none());
        assert_eq!(v.at("stars").as_u64(), Some(4));
        let mut n = null();
        n.set("a", 1u8);
        assert_eq!(n.at("a").as_u64(), Some(1));
        {
            let mut e = n.edit();
            e.set("b", "x");
            e.set("a", 2u8);
        }
        assert_eq!(n.at("a").as_u64(), Some(2));
        assert_eq!(n.at("b").as_str(), Some("x"));
    }
}
