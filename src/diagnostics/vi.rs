//! Vietnamese wording of the phrases diagnostics carry as parameters
//! (what was expected, what was found, details and hints). A phrase not
//! listed here is shown as it is: names, slugs and numbers need no
//! translation, and system error texts come from the operating system.

const PHRASES: &[(&str, &str)] = &[
    // What a reference names.
    ("product", "sản phẩm"),
    ("brand", "thương hiệu"),
    ("producer", "chủ thể"),
    ("commune", "xã/phường"),
    ("agency", "cơ quan"),
    ("chain", "chuỗi liên kết"),
    ("directive", "văn bản chỉ đạo"),
    ("indicator", "chỉ tiêu"),
    ("report", "báo cáo"),
    ("page", "trang"),
    ("category (from site.yaml)", "danh mục (trong site.yaml)"),
    (
        "agency (or `all-communes`, `all-departments`)",
        "cơ quan (hoặc `all-communes`, `all-departments`)",
    ),
    // Kinds of values.
    ("a text", "một chuỗi chữ"),
    ("a whole number", "một số nguyên"),
    ("a whole number ≥ 0", "một số nguyên không âm"),
    ("a number", "một số"),
    ("a list", "một danh sách"),
    ("a map of fields", "một nhóm trường"),
    ("true or false", "true hoặc false"),
    ("an empty value", "giá trị rỗng"),
    ("one of the listed values", "một trong các giá trị cho phép"),
    (
        "a date YYYY-MM-DD or YYYY-MM",
        "ngày dạng YYYY-MM-DD hoặc YYYY-MM",
    ),
    (
        "a text, or a map of texts by language ({vi: …, en: …})",
        "một chuỗi chữ, hoặc nhóm chữ theo ngôn ngữ ({vi: …, en: …})",
    ),
    (
        "a number, or {value, year, source}",
        "một số, hoặc {value, year, source}",
    ),
    ("a month, 1 to 12", "tháng, từ 1 đến 12"),
    ("3, 4 or 5 stars", "3, 4 hoặc 5 sao"),
    ("a score from 0 to 100", "điểm từ 0 đến 100"),
    ("a percentage, 0 to 100", "phần trăm, từ 0 đến 100"),
    (
        "a five-digit code, quoted (\"06463\")",
        "mã gồm 5 chữ số, đặt trong dấu nháy (\"06463\")",
    ),
    (
        "a web address starting with https:// or http://",
        "địa chỉ web bắt đầu bằng https:// hoặc http://",
    ),
    (
        "an absolute URL such as https://example.org/",
        "địa chỉ đầy đủ như https://example.org/",
    ),
    ("at least one producer", "ít nhất một chủ thể"),
    ("at least one product", "ít nhất một sản phẩm"),
    ("an empty list", "danh sách rỗng"),
    ("only a name", "chỉ có tên"),
    (
        "a `url`, `phone` or `address` as well",
        "thêm `url`, `phone` hoặc `address`",
    ),
    ("no amount", "không có số tiền"),
    ("`min`, `max` or both", "`min`, `max` hoặc cả hai"),
    ("a latitude, -90 to 90", "vĩ độ, từ -90 đến 90"),
    ("a longitude, -180 to 180", "kinh độ, từ -180 đến 180"),
    ("a year", "năm"),
    ("a source", "nguồn"),
    ("a year and a source", "năm và nguồn"),
    ("none", "không có"),
    // Details.
    (
        "is absolute: give it relative to content/ (media/photo.jpg)",
        "là đường dẫn tuyệt đối: hãy ghi tương đối so với content/ (media/anh.jpg)",
    ),
    ("points outside content/", "trỏ ra ngoài thư mục content/"),
    (
        "uses `\\`: separate folders with `/`",
        "dùng `\\`: hãy ngăn cách thư mục bằng `/`",
    ),
    (
        "does not exist under content/",
        "không có trong thư mục content/",
    ),
    (
        "it is the path of a section",
        "đó là đường dẫn của một mục trên cổng",
    ),
    (
        "it is the path of the products listing's filters",
        "đó là đường dẫn của bộ lọc trong danh sách sản phẩm",
    ),
    (
        "it is used by the portal itself",
        "cổng thông tin đã dùng tên này",
    ),
    (
        "use a JPEG, PNG, WebP or SVG file",
        "hãy dùng tệp JPEG, PNG, WebP hoặc SVG",
    ),
    (
        "the file is not a JPEG, PNG or WebP picture",
        "tệp không phải ảnh JPEG, PNG hoặc WebP",
    ),
    (
        "the file is not an SVG drawing",
        "tệp không phải hình vẽ SVG",
    ),
    ("an SVG file is UTF-8 text", "tệp SVG phải là văn bản UTF-8"),
    (
        "the decoder failed on this file",
        "trình giải mã ảnh không đọc được tệp này",
    ),
    (
        "more pixels than its decoder allows",
        "nhiều điểm ảnh hơn mức trình giải mã cho phép",
    ),
    (
        "the file is cut short (it has no end-of-image marker)",
        "tệp bị cắt cụt (thiếu dấu kết thúc ảnh): hãy chép lại từ máy ảnh hoặc điện thoại",
    ),
    (
        "a document type declaration (<!DOCTYPE>)",
        "khai báo kiểu tài liệu (<!DOCTYPE>)",
    ),
    (
        "an event handler attribute (on…)",
        "thuộc tính xử lý sự kiện (on…)",
    ),
    ("a `javascript:` link", "liên kết `javascript:`"),
    ("40 megapixels", "40 megapixel (40 triệu điểm ảnh)"),
    ("a <script> element", "thẻ <script>"),
    (
        "a <foreignobject> element",
        "thẻ <foreignObject> (nhúng HTML)",
    ),
    ("a symbolic link loop", "vòng lặp liên kết tượng trưng"),
    (
        "replace the link with the file itself",
        "hãy thay liên kết bằng chính tệp đó",
    ),
    (
        "records go in a collection folder such as content/products/",
        "bản ghi phải nằm trong thư mục bộ sưu tập, ví dụ content/products/",
    ),
    (
        "records are `<slug>.yaml`, `<slug>.md` or `<slug>.<lang>.md`",
        "bản ghi có dạng `<slug>.yaml`, `<slug>.md` hoặc `<slug>.<lang>.md`",
    ),
    ("the directive has no tasks", "văn bản chưa có nhiệm vụ nào"),
    (
        "at least one language is needed",
        "cần ít nhất một ngôn ngữ",
    ),
    (
        "a language code such as `vi` or `en`",
        "mã ngôn ngữ như `vi` hoặc `en`",
    ),
    (
        "(nesting and aliases are limited)",
        "(độ lồng và bí danh bị giới hạn)",
    ),
];

const PREFIXES: &[(&str, &str)] = &[
    ("its tasks are ", "các nhiệm vụ của văn bản là "),
    (
        "mapping values are not allowed in this context",
        "dấu `:` không đúng chỗ (hãy đặt giá trị có dấu `:` trong dấu nháy)",
    ),
    (
        "found character that cannot start any token",
        "có ký tự không được phép ở đây (dấu tab? hãy thụt lề bằng dấu cách)",
    ),
    ("a date after ", "một ngày sau "),
    ("at least `min` ", "không nhỏ hơn `min` "),
    ("text ", "chuỗi chữ "),
    ("the number ", "số "),
];

/// The Vietnamese for an English phrase, or the phrase itself.
pub fn phrase(en: &str) -> String {
    if let Some((_, vi)) = PHRASES.iter().find(|(e, _)| *e == en) {
        return (*vi).to_string();
    }
    for (e, vi) in PREFIXES {
        if let Some(rest) = en.strip_prefix(e) {
            return format!("{vi}{rest}");
        }
    }
    en.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn phrases_and_prefixes() {
        assert_eq!(phrase("producer"), "chủ thể");
        assert_eq!(
            phrase("its tasks are 1, 2"),
            "các nhiệm vụ của văn bản là 1, 2"
        );
        assert_eq!(phrase("htx-dong-banh"), "htx-dong-banh");
    }
}
