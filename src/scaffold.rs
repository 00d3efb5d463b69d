//! `nongsan new <collection> <slug>`: a record skeleton with every field of
//! the collection, required fields first, each with a one-line comment in
//! Vietnamese and English.

use crate::content::collection::Collection;
use crate::content::slug;
use crate::diagnostics::{Code, Diagnostic, Lang};
use std::path::{Path, PathBuf};

/// One field of a skeleton: name, required, the value written (for
/// required fields) or shown commented out (for the others), and what it
/// holds in Vietnamese and English.
pub struct Field {
    pub name: &'static str,
    pub required: bool,
    pub example: &'static str,
    pub vi: &'static str,
    pub en: &'static str,
}

const fn f(
    name: &'static str,
    required: bool,
    example: &'static str,
    vi: &'static str,
    en: &'static str,
) -> Field {
    Field {
        name,
        required,
        example,
        vi,
        en,
    }
}

const DRAFT: Field = f(
    "draft",
    false,
    "true",
    "true: bản nháp, chưa xuất bản",
    "true: a draft, left out of the site",
);

pub fn fields(c: Collection) -> Vec<Field> {
    let mut v = match c {
        Collection::Products => vec![
            f(
                "name",
                true,
                "",
                "Tên sản phẩm: chữ, hoặc {vi: …, en: …}",
                "Product name: text, or {vi: …, en: …}",
            ),
            f(
                "category",
                true,
                "",
                "Danh mục, một khóa trong categories của site.yaml",
                "Category: a key of site.yaml categories",
            ),
            f(
                "producers",
                true,
                "[]",
                "Chủ thể sản xuất (slug), ví dụ [htx-dong-banh]",
                "Producers (slugs), e.g. [htx-dong-banh]",
            ),
            f(
                "brand",
                false,
                "na-lang-son",
                "Thương hiệu (slug)",
                "Brand (slug)",
            ),
            f(
                "communes",
                false,
                "[chi-lang]",
                "Xã, phường sản xuất (slug)",
                "Communes where it is made (slugs)",
            ),
            f(
                "historic_area",
                false,
                "{ vi: \"huyện Chi Lăng (trước 7/2025)\", en: \"Chi Lăng district (before 7/2025)\" }",
                "Vùng theo tên cũ, trước 7/2025",
                "The area as named before 7/2025",
            ),
            f(
                "ocop",
                false,
                "{ stars: 4, group: food, decision: \"123/QĐ-UBND\", date: 2024-06-01 }",
                "Xếp hạng OCOP: sao 3–5, nhóm, quyết định, ngày",
                "OCOP rating: stars 3–5, group, decision, date",
            ),
            f(
                "certifications",
                false,
                "[{ kind: VietGAP, number: \"…\", expires: 2027-12-31 }]",
                "Chứng nhận: VietGAP, GlobalGAP, organic …",
                "Certifications: VietGAP, GlobalGAP, organic …",
            ),
            f(
                "season",
                false,
                "[8]",
                "Tháng thu hoạch chính (1–12)",
                "Main harvest months (1–12)",
            ),
            f(
                "off_season",
                false,
                "[10, 11]",
                "Tháng thu hoạch trái vụ (1–12)",
                "Off-season harvest months (1–12)",
            ),
            f(
                "area_ha",
                false,
                "{ value: 100, year: 2024, source: \"…\" }",
                "Diện tích (ha), có năm và nguồn",
                "Area (ha), with year and source",
            ),
            f(
                "output_tons",
                false,
                "{ value: 100, year: 2024, source: \"…\" }",
                "Sản lượng (tấn), có năm và nguồn",
                "Output (tonnes), with year and source",
            ),
            f(
                "value_vnd",
                false,
                "{ value: 1000000000, year: 2024, source: \"…\" }",
                "Giá trị (đồng), có năm và nguồn",
                "Value (VND), with year and source",
            ),
            f(
                "price",
                false,
                "{ min: 30000, max: 65000, unit: kg }",
                "Giá bán (đồng) theo đơn vị",
                "Price range (VND) per unit",
            ),
            f(
                "images",
                false,
                "[{ src: media/anh.jpg, alt: { vi: \"…\", en: \"…\" } }]",
                "Ảnh trong content/, kèm mô tả (alt)",
                "Pictures under content/, with alt text",
            ),
            f(
                "buy",
                false,
                "[{ name: \"…\", url: \"https://…\" }]",
                "Nơi mua: tên và url, điện thoại hoặc địa chỉ",
                "Where to buy: name and url, phone or address",
            ),
            f(
                "traceability",
                false,
                "{ code: \"…\", url: \"https://…\" }",
                "Mã hoặc địa chỉ truy xuất nguồn gốc",
                "Traceability code or address",
            ),
            f("tags", false, "[]", "Từ khóa", "Tags"),
            f(
                "featured",
                false,
                "true",
                "true: nêu bật trên trang chủ",
                "true: featured on the home page",
            ),
            DRAFT,
        ],
        Collection::Brands => vec![
            f(
                "name",
                true,
                "",
                "Tên thương hiệu / chỉ dẫn địa lý",
                "Name of the brand or indication",
            ),
            f(
                "kind",
                true,
                "",
                "Loại: geographical_indication, collective_mark, certification_mark, trademark",
                "Kind: geographical_indication, collective_mark, certification_mark, trademark",
            ),
            f(
                "protected_name",
                false,
                "Lạng Sơn",
                "Tên được bảo hộ",
                "The protected name",
            ),
            f(
                "registration",
                false,
                "{ number: \"00140\", decision: 560/QĐ-SHTT, date: 2024-06-22 }",
                "Số văn bằng, quyết định, ngày cấp",
                "Registration number, decision, date",
            ),
            f(
                "holder",
                false,
                "\"…\"",
                "Chủ sở hữu (ghi chữ)",
                "Holder (as text)",
            ),
            f(
                "manager",
                false,
                "so-nong-nghiep-va-moi-truong",
                "Cơ quan quản lý (slug)",
                "Managing agency (slug)",
            ),
            f(
                "communes",
                false,
                "[chi-lang]",
                "Xã, phường trong vùng bảo hộ (slug)",
                "Communes of the protected area (slugs)",
            ),
            f(
                "international",
                false,
                "\"…\"",
                "Bảo hộ quốc tế, ví dụ theo EVFTA",
                "International protection, e.g. under the EVFTA",
            ),
            f(
                "logo",
                false,
                "{ src: media/logo.svg, alt: \"…\" }",
                "Biểu trưng, kèm mô tả",
                "Logo, with alt text",
            ),
            DRAFT,
        ],
        Collection::Producers => vec![
            f("name", true, "", "Tên chủ thể", "Producer's name"),
            f(
                "kind",
                true,
                "",
                "Loại: cooperative, cooperative_group, cooperative_union, enterprise, household_business",
                "Kind: cooperative, cooperative_group, cooperative_union, enterprise, household_business",
            ),
            f("commune", true, "", "Xã, phường (slug)", "Commune (slug)"),
            f("address", false, "\"…\"", "Địa chỉ", "Address"),
            f(
                "established",
                false,
                "2020-01",
                "Ngày thành lập",
                "Date established",
            ),
            f(
                "registration_no",
                false,
                "\"…\"",
                "Mã số đăng ký (HTX, doanh nghiệp)",
                "Registration number",
            ),
            f(
                "members",
                false,
                "{ value: 30, year: 2024, source: \"…\" }",
                "Số thành viên, có năm và nguồn",
                "Members, with year and source",
            ),
            f(
                "representative",
                false,
                "{ name: \"…\", title: \"Giám đốc\" }",
                "Người đại diện",
                "Representative",
            ),
            f(
                "contact",
                false,
                "{ phone: \"…\", email: \"…\", website: \"https://…\" }",
                "Liên hệ",
                "Contact",
            ),
            f(
                "certifications",
                false,
                "[{ kind: VietGAP }]",
                "Chứng nhận",
                "Certifications",
            ),
            f(
                "location",
                false,
                "{ lat: 21.85, lon: 106.76 }",
                "Tọa độ",
                "Location",
            ),
            f(
                "illustrative",
                false,
                "true",
                "true: bản ghi minh họa, không phải chủ thể thật",
                "true: an illustrative record, not a real producer",
            ),
            DRAFT,
        ],
        Collection::Communes => vec![
            f(
                "name",
                true,
                "",
                "Tên xã, phường (không có chữ Xã/Phường)",
                "Name, without Xã/Phường",
            ),
            f(
                "kind",
                true,
                "",
                "Loại: xa hoặc phuong",
                "Kind: xa or phuong",
            ),
            f(
                "code",
                true,
                "",
                "Mã đơn vị hành chính 5 chữ số, trong dấu nháy: \"06463\"",
                "Five-digit national code, quoted: \"06463\"",
            ),
            f(
                "former_units",
                false,
                "[{ name: \"…\", kind: xa, district: \"…\" }]",
                "Các xã, thị trấn cũ đã sáp nhập (trước 7/2025)",
                "Former units merged into it (before 7/2025)",
            ),
            f(
                "area_km2",
                false,
                "{ value: 100, year: 2025, source: \"…\" }",
                "Diện tích (km²)",
                "Area (km²)",
            ),
            f(
                "population",
                false,
                "{ value: 10000, year: 2025, source: \"…\" }",
                "Dân số",
                "Population",
            ),
            f(
                "location",
                false,
                "{ lat: 21.85, lon: 106.76 }",
                "Tọa độ",
                "Location",
            ),
            DRAFT,
        ],
        Collection::Agencies => vec![
            f("name", true, "", "Tên cơ quan", "Agency name"),
            f(
                "kind",
                true,
                "",
                "Loại: provincial_committee, department, commune_committee, association, other",
                "Kind: provincial_committee, department, commune_committee, association, other",
            ),
            f("short", false, "Sở NN&MT", "Tên viết tắt", "Short name"),
            f("website", false, "https://…", "Trang web", "Website"),
            DRAFT,
        ],
        Collection::Chains => vec![
            f("name", true, "", "Tên chuỗi liên kết", "Chain name"),
            f(
                "products",
                true,
                "[]",
                "Sản phẩm (slug)",
                "Products (slugs)",
            ),
            f(
                "lead",
                true,
                "",
                "Chủ thể chủ trì (slug)",
                "Lead producer (slug)",
            ),
            f(
                "status",
                true,
                "",
                "Trạng thái: planned, active, ended",
                "Status: planned, active, ended",
            ),
            f(
                "participants",
                false,
                "[{ name: \"…\", role: production, households: 120 }]",
                "Bên tham gia: producer (slug) hoặc name; role; households",
                "Participants: producer (slug) or name; role; households",
            ),
            f(
                "period",
                false,
                "{ from: 2024-01, to: 2028-12 }",
                "Thời hạn liên kết",
                "Period",
            ),
            f(
                "contract",
                false,
                "\"…\"",
                "Hợp đồng, dự án hoặc kế hoạch liên kết",
                "Contract, project or plan",
            ),
            f(
                "area_ha",
                false,
                "{ value: 50, year: 2024, source: \"…\" }",
                "Diện tích vùng nguyên liệu (ha)",
                "Raw-material area (ha)",
            ),
            f(
                "volume_tons",
                false,
                "{ value: 400, year: 2025, source: \"…\" }",
                "Sản lượng một năm (tấn)",
                "Volume a year (tonnes)",
            ),
            f(
                "value_vnd",
                false,
                "{ value: 1000000000, year: 2025, source: \"…\" }",
                "Giá trị (đồng)",
                "Value (VND)",
            ),
            f(
                "support",
                false,
                "[{ policy: \"Nghị định 98/2018/NĐ-CP\", amount_vnd: 300000000, year: 2024 }]",
                "Hỗ trợ nhận được",
                "Support received",
            ),
            DRAFT,
        ],
        Collection::Directives => vec![
            f(
                "number",
                true,
                "",
                "Số văn bản, có thể chưa đủ: \"/UBND-KTCN\"",
                "Document number, may be partial: \"/UBND-KTCN\"",
            ),
            f(
                "kind",
                true,
                "",
                "Loại: cong_van, quyet_dinh, nghi_quyet, ke_hoach, chi_thi, thong_bao",
                "Kind: cong_van, quyet_dinh, nghi_quyet, ke_hoach, chi_thi, thong_bao",
            ),
            f("title", true, "", "Trích yếu", "Title"),
            f(
                "issuer",
                true,
                "",
                "Cơ quan ban hành (slug)",
                "Issuing agency (slug)",
            ),
            f(
                "signed",
                true,
                "",
                "Ngày ký: YYYY-MM-DD hoặc YYYY-MM",
                "Date signed: YYYY-MM-DD or YYYY-MM",
            ),
            f("signer", false, "\"…\"", "Người ký", "Signer"),
            f(
                "references",
                false,
                "[]",
                "Văn bản liên quan (slug)",
                "Related directives (slugs)",
            ),
            f(
                "based_on",
                false,
                "[]",
                "Căn cứ báo cáo (slug)",
                "Reports it is based on (slugs)",
            ),
            f(
                "document",
                false,
                "{ src: media/van-ban.pdf }",
                "Tệp văn bản trong content/",
                "The document file under content/",
            ),
            f(
                "tasks",
                false,
                "[{ id: \"1\", title: \"…\", lead: so-nong-nghiep-va-moi-truong, deadline: 2026-07 }]",
                "Nhiệm vụ: id, title, lead, support, deadline, updates",
                "Tasks: id, title, lead, support, deadline, updates",
            ),
            DRAFT,
        ],
        Collection::Indicators => vec![
            f("name", true, "", "Tên chỉ tiêu", "Indicator name"),
            f("unit", true, "", "Đơn vị tính", "Unit"),
            f(
                "directive",
                false,
                "qd-1029-2021",
                "Văn bản đặt chỉ tiêu (slug)",
                "Directive that sets it (slug)",
            ),
            f(
                "higher_is_better",
                false,
                "true",
                "true nếu càng cao càng tốt",
                "true when higher is better",
            ),
            f(
                "baseline",
                false,
                "{ year: 2020, value: 11 }",
                "Giá trị gốc",
                "Baseline",
            ),
            f(
                "targets",
                false,
                "[{ year: 2030, value: 300 }]",
                "Mục tiêu theo năm",
                "Targets by year",
            ),
            f(
                "actuals",
                false,
                "[{ year: 2025, value: 235, source: \"…\" }]",
                "Kết quả theo năm, có nguồn",
                "Actual values by year, with source",
            ),
            DRAFT,
        ],
        Collection::Reports => vec![
            f(
                "title",
                true,
                "",
                "Tiêu đề báo cáo hoặc tin",
                "Title of the report or news item",
            ),
            f(
                "date",
                true,
                "",
                "Ngày: YYYY-MM-DD hoặc YYYY-MM",
                "Date: YYYY-MM-DD or YYYY-MM",
            ),
            f(
                "number",
                false,
                "\"716/BC-SNNMT\"",
                "Số báo cáo",
                "Report number",
            ),
            f(
                "agency",
                false,
                "so-nong-nghiep-va-moi-truong",
                "Cơ quan báo cáo (slug)",
                "Reporting agency (slug)",
            ),
            f(
                "directive",
                false,
                "cv-tiep-tuc-de-an-2026",
                "Văn bản được báo cáo (slug)",
                "Directive reported on (slug)",
            ),
            f(
                "tasks",
                false,
                "[\"2\"]",
                "Nhiệm vụ được báo cáo (id trong văn bản)",
                "Tasks reported on (ids in the directive)",
            ),
            f("summary", false, "\"…\"", "Tóm tắt", "Summary"),
            f(
                "kind",
                false,
                "news",
                "Loại: report (mặc định) hoặc news",
                "Kind: report (default) or news",
            ),
            DRAFT,
        ],
        Collection::Pages => vec![
            f("title", true, "", "Tiêu đề trang", "Page title"),
            f(
                "menu",
                false,
                "1",
                "Vị trí trên thanh menu",
                "Position in the main menu",
            ),
            DRAFT,
        ],
    };
    // Required first, keeping the order above within each group.
    v.sort_by_key(|f| !f.required);
    v
}

pub const EXISTS: &str = "the record already exists: it is never overwritten";

/// Collections whose records have a Markdown body.
fn has_body(c: Collection) -> bool {
    !matches!(
        c,
        Collection::Communes | Collection::Agencies | Collection::Indicators
    )
}

/// The collection an editor named: `products` or `product`.
pub fn collection(name: &str) -> Option<Collection> {
    Collection::from_dir(name)
        .or_else(|| Collection::ALL.into_iter().find(|c| c.singular() == name))
}

/// The text of a new record.
pub fn skeleton(c: Collection, slug: &str) -> String {
    let fields = fields(c);
    let width = fields
        .iter()
        .filter(|f| f.required)
        .map(|f| f.name.len() + 2 + f.example.chars().count())
        .max()
        .unwrap_or(10)
        + 2;
    let mut out = String::new();
    let body = has_body(c);
    if body {
        out.push_str("---\n");
    } else {
        out.push_str(&format!(
            "# yaml-language-server: $schema=../../schemas/{}.schema.json\n",
            c.dir()
        ));
    }
    out.push_str(&format!(
        "# {slug}: điền các trường bắt buộc (✱), bỏ dấu # ở trường cần dùng / fill in the required fields (✱), uncomment the ones you need\n"
    ));
    for fl in &fields {
        let comment = format!(
            "{}{} / {}",
            if fl.required { "✱ " } else { "" },
            fl.vi,
            fl.en
        );
        if fl.required {
            let line = if fl.example.is_empty() {
                format!("{}:", fl.name)
            } else {
                format!("{}: {}", fl.name, fl.example)
            };
            out.push_str(&format!("{line:<width$} # {comment}\n"));
        } else {
            out.push_str(&format!("# {}: {}\n#   {comment}\n", fl.name, fl.example));
        }
    }
    if body {
        out.push_str("---\nNội dung (Markdown). Bản tiếng Anh đặt ở tệp bên cạnh, cùng tên với đuôi .en.md.\n");
    }
    out
}

/// Writes `content/<collection>/<slug>.(md|yaml)`; refuses to overwrite and
/// rejects a bad slug with the proposed good one.
pub fn write_new(
    root: &Path,
    collection_name: &str,
    slug_text: &str,
    _lang: Lang,
) -> Result<PathBuf, Diagnostic> {
    let Some(c) = collection(collection_name) else {
        let names: Vec<&str> = Collection::ALL.iter().map(|c| c.dir()).collect();
        let mut d = Diagnostic::new(Code::UnknownCollection)
            .found(collection_name)
            .expected(names.join(", "));
        if let Some(n) = slug::nearest(collection_name, names) {
            d = d.hint(n);
        }
        return Err(d);
    };
    let ext = if has_body(c) { "md" } else { "yaml" };
    if !slug::is_valid(slug_text) {
        return Err(Diagnostic::new(Code::BadFileName)
            .found(format!("{slug_text}.{ext}"))
            .detail(slug::problem(slug_text))
            .hint(format!("{}.{ext}", slug::propose(slug_text))));
    }
    let dir = root.join("content").join(c.dir());
    let shown = PathBuf::from(format!("content/{}/{slug_text}.{ext}", c.dir()));
    for other in ["md", "yaml"] {
        let p = dir.join(format!("{slug_text}.{other}"));
        if p.exists() {
            return Err(Diagnostic::new(Code::Output)
                .file(format!("content/{}/{slug_text}.{other}", c.dir()))
                .detail(EXISTS));
        }
    }
    std::fs::create_dir_all(&dir).map_err(|e| {
        Diagnostic::new(Code::Output).detail(format!("cannot create {}: {e}", dir.display()))
    })?;
    let path = dir.join(format!("{slug_text}.{ext}"));
    // `create_new` so that a file appearing meanwhile is never overwritten.
    use std::io::Write;
    let mut file = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(&path)
        .map_err(|e| {
            Diagnostic::new(Code::Output)
                .file(&shown)
                .detail(e.to_string())
        })?;
    file.write_all(skeleton(c, slug_text).as_bytes())
        .map_err(|e| {
            Diagnostic::new(Code::Output)
                .file(&shown)
                .detail(e.to_string())
        })?;
    Ok(shown)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The skeleton lists every field the model knows, and no other.
    #[test]
    fn skeleton_fields_match_the_schema() {
        for (c, (_, json)) in Collection::ALL
            .iter()
            .zip(crate::schema::all().into_iter().skip(1))
        {
            let schema: serde_json::Value = serde_json::from_str(&json).unwrap();
            let mut props: Vec<String> = schema["properties"]
                .as_object()
                .unwrap()
                .keys()
                .cloned()
                .collect();
            props.sort();
            let mut ours: Vec<String> = fields(*c).iter().map(|f| f.name.to_string()).collect();
            ours.sort();
            assert_eq!(ours, props, "{}", c.dir());
            let required: Vec<&str> = schema["required"]
                .as_array()
                .map(|a| a.iter().filter_map(|v| v.as_str()).collect())
                .unwrap_or_default();
            for f in fields(*c) {
                assert_eq!(
                    f.required,
                    required.contains(&f.name),
                    "{}.{}",
                    c.dir(),
                    f.name
                );
            }
        }
    }

    #[test]
    fn collection_names() {
        assert_eq!(collection("product"), Some(Collection::Products));
        assert_eq!(collection("products"), Some(Collection::Products));
        assert_eq!(collection("thing"), None);
    }
}
