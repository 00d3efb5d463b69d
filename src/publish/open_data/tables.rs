//! The one table of the open data: every collection's columns, with their
//! meaning in both languages. Exports and the data dictionary are both
//! generated from [`tables`].

use super::model::*;
use crate::content::collection::Collection;
use crate::content::model::*;
use crate::site::Site;

const PRODUCER_KINDS: &[&str] = &[
    "cooperative",
    "cooperative_group",
    "cooperative_union",
    "enterprise",
    "household_business",
];
const BRAND_KINDS: &[&str] = &[
    "geographical_indication",
    "collective_mark",
    "certification_mark",
    "trademark",
];
const COMMUNE_KINDS: &[&str] = &["xa", "phuong"];
const AGENCY_KINDS: &[&str] = &[
    "provincial_committee",
    "department",
    "commune_committee",
    "association",
    "other",
];
const CHAIN_STATUSES: &[&str] = &["planned", "active", "ended"];
const DIRECTIVE_KINDS: &[&str] = &[
    "cong_van",
    "quyet_dinh",
    "nghi_quyet",
    "ke_hoach",
    "chi_thi",
    "thong_bao",
];
const TASK_STATUSES: &[&str] = &["not_started", "in_progress", "done", "cancelled"];
const OCOP_GROUPS: &[&str] = &[
    "food",
    "beverage",
    "herbal",
    "handicraft",
    "ornamental",
    "tourism",
];
const OCOP_STATUSES: &[&str] = &["new", "upgraded", "re_recognised"];
const REPORT_KINDS: &[&str] = &["report", "news"];

fn slug_col(c: Collection) -> Column {
    let get: Get = match c {
        Collection::Products => |x, i| text(&x.site.content.products[i].slug),
        Collection::Brands => |x, i| text(&x.site.content.brands[i].slug),
        Collection::Producers => |x, i| text(&x.site.content.producers[i].slug),
        Collection::Communes => |x, i| text(&x.site.content.communes[i].slug),
        Collection::Agencies => |x, i| text(&x.site.content.agencies[i].slug),
        Collection::Chains => |x, i| text(&x.site.content.chains[i].slug),
        Collection::Directives => |x, i| text(&x.site.content.directives[i].slug),
        Collection::Indicators => |x, i| text(&x.site.content.indicators[i].slug),
        Collection::Reports => |x, i| text(&x.site.content.reports[i].slug),
        Collection::Pages => |x, i| text(&x.site.content.pages[i].slug),
    };
    col(
        "slug",
        Kind::Slug,
        true,
        "Mã định danh của bản ghi (tên tệp, dùng trong địa chỉ trang)",
        "Identifier of the record (its file name, used in the page address)",
        get,
    )
}

fn url_col(c: Collection) -> Column {
    let get: GetIn = match c {
        Collection::Products => {
            |x, i, l| x.page(Collection::Products, &x.site.content.products[i].slug, l)
        }
        Collection::Brands => {
            |x, i, l| x.page(Collection::Brands, &x.site.content.brands[i].slug, l)
        }
        Collection::Producers => {
            |x, i, l| x.page(Collection::Producers, &x.site.content.producers[i].slug, l)
        }
        Collection::Communes => {
            |x, i, l| x.page(Collection::Communes, &x.site.content.communes[i].slug, l)
        }
        Collection::Agencies => {
            |x, i, l| x.page(Collection::Agencies, &x.site.content.agencies[i].slug, l)
        }
        Collection::Chains => {
            |x, i, l| x.page(Collection::Chains, &x.site.content.chains[i].slug, l)
        }
        Collection::Directives => |x, i, l| {
            x.page(
                Collection::Directives,
                &x.site.content.directives[i].slug,
                l,
            )
        },
        Collection::Indicators => |x, i, l| {
            x.page(
                Collection::Indicators,
                &x.site.content.indicators[i].slug,
                l,
            )
        },
        Collection::Reports => {
            |x, i, l| x.page(Collection::Reports, &x.site.content.reports[i].slug, l)
        }
        Collection::Pages => |x, i, l| x.page(Collection::Pages, &x.site.content.pages[i].slug, l),
    };
    col_lang(
        "url",
        Kind::Url,
        true,
        "Địa chỉ trang của bản ghi trên cổng",
        "Address of the record's page on the portal",
        get,
    )
}

fn body_col(c: Collection, vi: &'static str, en: &'static str) -> Column {
    let get: GetIn = match c {
        Collection::Products => |x, i, l| x.body(&x.site.content.products[i], l),
        Collection::Brands => |x, i, l| x.body(&x.site.content.brands[i], l),
        Collection::Producers => |x, i, l| x.body(&x.site.content.producers[i], l),
        Collection::Communes => |x, i, l| x.body(&x.site.content.communes[i], l),
        Collection::Agencies => |x, i, l| x.body(&x.site.content.agencies[i], l),
        Collection::Chains => |x, i, l| x.body(&x.site.content.chains[i], l),
        Collection::Directives => |x, i, l| x.body(&x.site.content.directives[i], l),
        Collection::Indicators => |x, i, l| x.body(&x.site.content.indicators[i], l),
        Collection::Reports => |x, i, l| x.body(&x.site.content.reports[i], l),
        Collection::Pages => |x, i, l| x.body(&x.site.content.pages[i], l),
    };
    col_lang("body", Kind::Text, false, vi, en, get)
}

/// A certification as one list item: `VietGAP VG-01 (2024-05-01 – 2027-05-01)`.
fn certification(x: &Ctx, c: &Certification) -> String {
    let mut s = match &c.name {
        Some(n) if matches!(c.kind, CertificationKind::Other) => x.plain(n),
        Some(n) => format!("{} {}", c.kind.as_str(), x.plain(n)),
        None => c.kind.as_str().to_string(),
    };
    if let Some(n) = &c.number {
        s.push(' ');
        s.push_str(n.as_str());
    }
    match (&c.issued, &c.expires) {
        (Some(a), Some(b)) => s.push_str(&format!(" ({a} – {b})")),
        (Some(a), None) => s.push_str(&format!(" ({a} –)")),
        (None, Some(b)) => s.push_str(&format!(" (– {b})")),
        (None, None) => {}
    }
    s
}

fn products() -> Table {
    fn p<'a>(x: &'a Ctx, i: usize) -> &'a Product {
        &x.site.content.products[i].data
    }
    Table {
        key: "products",
        title_vi: "Sản phẩm",
        title_en: "Products",
        about_vi: "Nông sản, lâm sản và sản phẩm OCOP của tỉnh: nhóm, thương hiệu, chủ thể sản xuất, xếp hạng OCOP, chứng nhận, mùa vụ, diện tích, sản lượng, giá và nơi mua.",
        about_en: "The province's farm, forest and OCOP products: category, brand, producers, OCOP rating, certifications, season, area, output, price and where to buy.",
        len: |s| s.content.products.len(),
        columns: vec![
            slug_col(Collection::Products),
            url_col(Collection::Products),
            col_lang(
                "name",
                Kind::Text,
                true,
                "Tên sản phẩm",
                "Name of the product",
                |x, i, l| x.loc(&p(x, i).name, l),
            ),
            col(
                "category",
                Kind::Code,
                true,
                "Nhóm sản phẩm (khóa trong danh mục của cổng)",
                "Category (a key of the portal's categories)",
                |x, i| text(&p(x, i).category),
            ),
            col(
                "brand",
                Kind::Ref(Collection::Brands),
                false,
                "Thương hiệu (chỉ dẫn địa lý, nhãn hiệu tập thể …)",
                "Brand (geographical indication, collective mark …)",
                |x, i| opt_text(p(x, i).brand.as_deref()),
            ),
            col(
                "producers",
                Kind::Refs(Collection::Producers),
                true,
                "Các chủ thể sản xuất",
                "Producers",
                |x, i| list(&p(x, i).producers),
            ),
            col(
                "communes",
                Kind::Refs(Collection::Communes),
                false,
                "Xã, phường nơi sản xuất",
                "Communes where it is produced",
                |x, i| list(&p(x, i).communes),
            ),
            col_lang(
                "historic_area",
                Kind::Text,
                false,
                "Vùng sản xuất theo tên gọi trước tháng 7/2025",
                "Area of production as named before July 2025",
                |x, i, l| x.loc_opt(p(x, i).historic_area.as_ref(), l),
            ),
            col(
                "ocop_stars",
                Kind::Integer,
                false,
                "Số sao OCOP (3–5)",
                "OCOP stars (3–5)",
                |x, i| {
                    p(x, i)
                        .ocop
                        .as_ref()
                        .map_or(Cell::Empty, |o| Cell::Number(o.stars.into()))
                },
            ),
            col(
                "ocop_group",
                Kind::Enum(OCOP_GROUPS),
                false,
                "Nhóm sản phẩm OCOP",
                "OCOP product group",
                |x, i| p(x, i).ocop.as_ref().map_or(Cell::Empty, |o| key(&o.group)),
            ),
            col(
                "ocop_score",
                Kind::Number,
                false,
                "Điểm đánh giá OCOP",
                "OCOP score",
                |x, i| opt_num(p(x, i).ocop.as_ref().and_then(|o| o.score)),
            ),
            col(
                "ocop_decision",
                Kind::Code,
                false,
                "Số quyết định công nhận OCOP",
                "Number of the OCOP decision",
                |x, i| opt_text(p(x, i).ocop.as_ref().map(|o| o.decision.as_str())),
            ),
            col(
                "ocop_date",
                Kind::Date,
                false,
                "Ngày quyết định công nhận OCOP",
                "Date of the OCOP decision",
                |x, i| opt_date(p(x, i).ocop.as_ref().map(|o| &o.date)),
            ),
            col(
                "ocop_round",
                Kind::Text,
                false,
                "Đợt đánh giá OCOP",
                "OCOP round",
                |x, i| {
                    opt_text(
                        p(x, i)
                            .ocop
                            .as_ref()
                            .and_then(|o| o.round.as_ref())
                            .map(|r| r.as_str()),
                    )
                },
            ),
            col(
                "ocop_status",
                Kind::Enum(OCOP_STATUSES),
                false,
                "Công nhận mới, nâng hạng hay công nhận lại",
                "New, upgraded or re-recognised",
                |x, i| {
                    p(x, i)
                        .ocop
                        .as_ref()
                        .and_then(|o| o.status)
                        .map_or(Cell::Empty, |s| key(&s))
                },
            ),
            col(
                "ocop_expires",
                Kind::Date,
                false,
                "Ngày hết hiệu lực OCOP (36 tháng sau quyết định)",
                "When the OCOP rating expires (36 months after the decision)",
                |x, i| {
                    opt_date(
                        p(x, i)
                            .ocop
                            .as_ref()
                            .map(|o| Site::ocop_expiry(&o.date))
                            .as_ref(),
                    )
                },
            ),
            col(
                "ocop_expired",
                Kind::Boolean,
                false,
                "Xếp hạng OCOP đã hết hiệu lực tại ngày số liệu",
                "Whether the OCOP rating had expired at the data's date",
                |x, i| {
                    p(x, i).ocop.as_ref().map_or(Cell::Empty, |o| {
                        Cell::Bool(x.site.is_expired(Some(&Site::ocop_expiry(&o.date))))
                    })
                },
            ),
            col(
                "certifications",
                Kind::List,
                false,
                "Chứng nhận: loại, số, thời hạn",
                "Certifications: kind, number, validity",
                |x, i| {
                    Cell::List(
                        p(x, i)
                            .certifications
                            .iter()
                            .map(|c| certification(x, c))
                            .collect(),
                    )
                },
            ),
            col(
                "season",
                Kind::List,
                false,
                "Các tháng thu hoạch chính (1–12)",
                "Main harvest months (1–12)",
                |x, i| list(&p(x, i).season),
            ),
            col(
                "off_season",
                Kind::List,
                false,
                "Các tháng thu hoạch trái vụ (1–12)",
                "Off-season harvest months (1–12)",
                |x, i| list(&p(x, i).off_season),
            ),
            col(
                "area_ha",
                Kind::Figure,
                false,
                "Diện tích (ha)",
                "Area (ha)",
                |x, i| Cell::Figure(p(x, i).area_ha.clone()),
            ),
            col(
                "output_tons",
                Kind::Figure,
                false,
                "Sản lượng (tấn/năm)",
                "Output (tonnes a year)",
                |x, i| Cell::Figure(p(x, i).output_tons.clone()),
            ),
            col(
                "value_vnd",
                Kind::Figure,
                false,
                "Giá trị (đồng/năm)",
                "Value (đồng a year)",
                |x, i| Cell::Figure(p(x, i).value_vnd.clone()),
            ),
            col(
                "price_min",
                Kind::Number,
                false,
                "Giá thấp nhất (đồng)",
                "Lowest price (đồng)",
                |x, i| opt_num(p(x, i).price.as_ref().and_then(|v| v.min)),
            ),
            col(
                "price_max",
                Kind::Number,
                false,
                "Giá cao nhất (đồng)",
                "Highest price (đồng)",
                |x, i| opt_num(p(x, i).price.as_ref().and_then(|v| v.max)),
            ),
            col(
                "price_unit",
                Kind::Text,
                false,
                "Đơn vị tính giá (kg, hộp …)",
                "Unit the price is for (kg, box …)",
                |x, i| opt_text(p(x, i).price.as_ref().map(|v| v.unit.as_str())),
            ),
            col(
                "images",
                Kind::List,
                false,
                "Địa chỉ các ảnh",
                "Addresses of the photos",
                |x, i| Cell::List(p(x, i).images.iter().map(|m| x.media(&m.src)).collect()),
            ),
            col(
                "buy",
                Kind::List,
                false,
                "Nơi mua: tên, địa chỉ web, điện thoại, địa chỉ",
                "Where to buy: name, web address, phone, address",
                |x, i| {
                    Cell::List(
                        p(x, i)
                            .buy
                            .iter()
                            .map(|b| {
                                let mut parts = vec![x.plain(&b.name)];
                                parts.extend(b.url.clone());
                                parts.extend(b.phone.as_ref().map(|t| t.0.clone()));
                                parts.extend(b.address.as_ref().map(|a| x.plain(a)));
                                parts.join(", ")
                            })
                            .collect(),
                    )
                },
            ),
            col(
                "traceability_code",
                Kind::Code,
                false,
                "Mã truy xuất nguồn gốc",
                "Traceability code",
                |x, i| {
                    opt_text(
                        p(x, i)
                            .traceability
                            .as_ref()
                            .and_then(|t| t.code.as_ref())
                            .map(|c| c.as_str()),
                    )
                },
            ),
            col(
                "traceability_url",
                Kind::Url,
                false,
                "Trang truy xuất nguồn gốc",
                "Traceability page",
                |x, i| opt_text(p(x, i).traceability.as_ref().and_then(|t| t.url.as_deref())),
            ),
            col("tags", Kind::List, false, "Từ khóa", "Tags", |x, i| {
                list(&p(x, i).tags)
            }),
            col(
                "featured",
                Kind::Boolean,
                false,
                "Sản phẩm nổi bật trên trang chủ",
                "Featured on the home page",
                |x, i| Cell::Bool(p(x, i).featured),
            ),
            col(
                "chains",
                Kind::Refs(Collection::Chains),
                false,
                "Các chuỗi liên kết có sản phẩm này (suy ra)",
                "Linkage chains of this product (derived)",
                |x, i| slugs_at(x.site, Collection::Chains, &x.site.links.product_chains[i]),
            ),
            body_col(
                Collection::Products,
                "Mô tả (Markdown)",
                "Description (Markdown)",
            ),
        ],
    }
}

fn brands() -> Table {
    fn b<'a>(x: &'a Ctx, i: usize) -> &'a Brand {
        &x.site.content.brands[i].data
    }
    Table {
        key: "brands",
        title_vi: "Thương hiệu",
        title_en: "Brands",
        about_vi: "Chỉ dẫn địa lý, nhãn hiệu tập thể, nhãn hiệu chứng nhận và nhãn hiệu của nông sản Lạng Sơn, với văn bằng bảo hộ và cơ quan quản lý.",
        about_en: "Geographical indications, collective marks, certification marks and trademarks of Lạng Sơn products, with their registration and managing agency.",
        len: |s| s.content.brands.len(),
        columns: vec![
            slug_col(Collection::Brands),
            url_col(Collection::Brands),
            col_lang(
                "name",
                Kind::Text,
                true,
                "Tên thương hiệu",
                "Name of the brand",
                |x, i, l| x.loc(&b(x, i).name, l),
            ),
            col(
                "kind",
                Kind::Enum(BRAND_KINDS),
                true,
                "Loại: chỉ dẫn địa lý, nhãn hiệu tập thể, nhãn hiệu chứng nhận, nhãn hiệu",
                "Kind: geographical indication, collective mark, certification mark, trademark",
                |x, i| key(&b(x, i).kind),
            ),
            col(
                "protected_name",
                Kind::Text,
                false,
                "Tên được bảo hộ",
                "Protected name",
                |x, i| opt_text(b(x, i).protected_name.as_deref()),
            ),
            col(
                "registration_number",
                Kind::Code,
                false,
                "Số văn bằng bảo hộ",
                "Registration number",
                |x, i| {
                    opt_text(
                        b(x, i)
                            .registration
                            .as_ref()
                            .and_then(|r| r.number.as_ref())
                            .map(|n| n.as_str()),
                    )
                },
            ),
            col(
                "registration_decision",
                Kind::Code,
                false,
                "Số quyết định cấp văn bằng",
                "Number of the registration decision",
                |x, i| {
                    opt_text(
                        b(x, i)
                            .registration
                            .as_ref()
                            .and_then(|r| r.decision.as_ref())
                            .map(|n| n.as_str()),
                    )
                },
            ),
            col(
                "registration_date",
                Kind::Date,
                false,
                "Ngày cấp văn bằng",
                "Date of registration",
                |x, i| opt_date(b(x, i).registration.as_ref().and_then(|r| r.date.as_ref())),
            ),
            col_lang(
                "registration_authority",
                Kind::Text,
                false,
                "Cơ quan cấp văn bằng",
                "Registering authority",
                |x, i, l| {
                    x.loc_opt(
                        b(x, i)
                            .registration
                            .as_ref()
                            .and_then(|r| r.authority.as_ref()),
                        l,
                    )
                },
            ),
            col_lang(
                "holder",
                Kind::Text,
                false,
                "Chủ sở hữu văn bằng (như ghi trên văn bằng)",
                "Holder of the title (as written on it)",
                |x, i, l| x.loc_opt(b(x, i).holder.as_ref(), l),
            ),
            col(
                "manager",
                Kind::Ref(Collection::Agencies),
                false,
                "Cơ quan quản lý hiện nay",
                "Agency that manages it now",
                |x, i| opt_text(b(x, i).manager.as_deref()),
            ),
            col(
                "communes",
                Kind::Refs(Collection::Communes),
                false,
                "Xã, phường thuộc vùng",
                "Communes of its area",
                |x, i| list(&b(x, i).communes),
            ),
            col_lang(
                "international",
                Kind::Text,
                false,
                "Bảo hộ ở nước ngoài",
                "Protection abroad",
                |x, i, l| x.loc_opt(b(x, i).international.as_ref(), l),
            ),
            col(
                "logo",
                Kind::Url,
                false,
                "Địa chỉ biểu trưng",
                "Address of the logo",
                |x, i| opt_text(b(x, i).logo.as_ref().map(|m| x.media(&m.src))),
            ),
            col(
                "products",
                Kind::Refs(Collection::Products),
                false,
                "Các sản phẩm mang thương hiệu (suy ra)",
                "Products carrying the brand (derived)",
                |x, i| {
                    slugs_at(
                        x.site,
                        Collection::Products,
                        &x.site.links.brand_products[i],
                    )
                },
            ),
            body_col(
                Collection::Brands,
                "Giới thiệu (Markdown)",
                "About (Markdown)",
            ),
        ],
    }
}

fn producers() -> Table {
    fn p<'a>(x: &'a Ctx, i: usize) -> &'a Producer {
        &x.site.content.producers[i].data
    }
    Table {
        key: "producers",
        title_vi: "Chủ thể sản xuất",
        title_en: "Producers",
        about_vi: "Hợp tác xã, tổ hợp tác, doanh nghiệp và hộ kinh doanh: loại hình, xã, thành viên, người đại diện, liên hệ, chứng nhận, sản phẩm và chuỗi liên kết.",
        about_en: "Cooperatives, cooperative groups, enterprises and household businesses: kind, commune, members, representative, contact, certifications, products and chains.",
        len: |s| s.content.producers.len(),
        columns: vec![
            slug_col(Collection::Producers),
            url_col(Collection::Producers),
            col_lang(
                "name",
                Kind::Text,
                true,
                "Tên chủ thể",
                "Name of the producer",
                |x, i, l| x.loc(&p(x, i).name, l),
            ),
            col(
                "kind",
                Kind::Enum(PRODUCER_KINDS),
                true,
                "Loại hình: hợp tác xã, tổ hợp tác, liên hiệp HTX, doanh nghiệp, hộ kinh doanh",
                "Kind: cooperative, cooperative group, cooperative union, enterprise, household business",
                |x, i| key(&p(x, i).kind),
            ),
            col(
                "commune",
                Kind::Ref(Collection::Communes),
                true,
                "Xã, phường nơi đặt trụ sở",
                "Commune of its seat",
                |x, i| text(&p(x, i).commune),
            ),
            col_lang(
                "address",
                Kind::Text,
                false,
                "Địa chỉ",
                "Address",
                |x, i, l| x.loc_opt(p(x, i).address.as_ref(), l),
            ),
            col(
                "established",
                Kind::Date,
                false,
                "Ngày thành lập",
                "Date of establishment",
                |x, i| opt_date(p(x, i).established.as_ref()),
            ),
            col(
                "registration_no",
                Kind::Code,
                false,
                "Số đăng ký kinh doanh",
                "Business registration number",
                |x, i| opt_text(p(x, i).registration_no.as_ref().map(|t| t.as_str())),
            ),
            col(
                "members",
                Kind::Figure,
                false,
                "Số thành viên",
                "Number of members",
                |x, i| Cell::Figure(p(x, i).members.clone()),
            ),
            col_lang(
                "representative",
                Kind::Text,
                false,
                "Người đại diện",
                "Representative",
                |x, i, l| x.loc_opt(p(x, i).representative.as_ref().map(|r| &r.name), l),
            ),
            col_lang(
                "representative_title",
                Kind::Text,
                false,
                "Chức danh người đại diện",
                "Representative's title",
                |x, i, l| {
                    x.loc_opt(
                        p(x, i)
                            .representative
                            .as_ref()
                            .and_then(|r| r.title.as_ref()),
                        l,
                    )
                },
            ),
            col(
                "phone",
                Kind::Code,
                false,
                "Điện thoại",
                "Phone",
                |x, i| {
                    opt_text(
                        p(x, i)
                            .contact
                            .as_ref()
                            .and_then(|c| c.phone.as_ref())
                            .map(|t| t.as_str()),
                    )
                },
            ),
            col(
                "email",
                Kind::Text,
                false,
                "Thư điện tử",
                "Email",
                |x, i| opt_text(p(x, i).contact.as_ref().and_then(|c| c.email.as_deref())),
            ),
            col(
                "website",
                Kind::Url,
                false,
                "Trang web",
                "Website",
                |x, i| opt_text(p(x, i).contact.as_ref().and_then(|c| c.website.as_deref())),
            ),
            col(
                "certifications",
                Kind::List,
                false,
                "Chứng nhận: loại, số, thời hạn",
                "Certifications: kind, number, validity",
                |x, i| {
                    Cell::List(
                        p(x, i)
                            .certifications
                            .iter()
                            .map(|c| certification(x, c))
                            .collect(),
                    )
                },
            ),
            col(
                "lat",
                Kind::Number,
                false,
                "Vĩ độ (WGS 84)",
                "Latitude (WGS 84)",
                |x, i| opt_num(p(x, i).location.map(|l| l.lat)),
            ),
            col(
                "lon",
                Kind::Number,
                false,
                "Kinh độ (WGS 84)",
                "Longitude (WGS 84)",
                |x, i| opt_num(p(x, i).location.map(|l| l.lon)),
            ),
            col(
                "illustrative",
                Kind::Boolean,
                false,
                "Bản ghi minh họa, không phải chủ thể có thật",
                "A sample record, not a real producer",
                |x, i| Cell::Bool(p(x, i).illustrative),
            ),
            col(
                "products",
                Kind::Refs(Collection::Products),
                false,
                "Sản phẩm của chủ thể (suy ra)",
                "Its products (derived)",
                |x, i| {
                    slugs_at(
                        x.site,
                        Collection::Products,
                        &x.site.links.producer_products[i],
                    )
                },
            ),
            col(
                "chains",
                Kind::Refs(Collection::Chains),
                false,
                "Chuỗi liên kết tham gia (suy ra)",
                "Linkage chains it takes part in (derived)",
                |x, i| slugs_at(x.site, Collection::Chains, &x.site.links.producer_chains[i]),
            ),
            body_col(
                Collection::Producers,
                "Giới thiệu (Markdown)",
                "About (Markdown)",
            ),
        ],
    }
}

fn communes() -> Table {
    fn c<'a>(x: &'a Ctx, i: usize) -> &'a Commune {
        &x.site.content.communes[i].data
    }
    Table {
        key: "communes",
        title_vi: "Xã, phường",
        title_en: "Communes",
        about_vi: "Các xã, phường sau sắp xếp đơn vị hành chính tháng 7/2025, với mã, đơn vị cũ được hợp nhất, diện tích và dân số.",
        about_en: "The communes and wards after the administrative reorganisation of July 2025, with their code, the former units merged into them, area and population.",
        len: |s| s.content.communes.len(),
        columns: vec![
            slug_col(Collection::Communes),
            url_col(Collection::Communes),
            col_lang(
                "name",
                Kind::Text,
                true,
                "Tên xã, phường",
                "Name of the commune",
                |x, i, l| x.loc(&c(x, i).name, l),
            ),
            col(
                "kind",
                Kind::Enum(COMMUNE_KINDS),
                true,
                "Loại: xã hoặc phường",
                "Kind: commune (xa) or ward (phuong)",
                |x, i| key(&c(x, i).kind),
            ),
            col(
                "code",
                Kind::Code,
                true,
                "Mã đơn vị hành chính (5 chữ số)",
                "National administrative code (5 digits)",
                |x, i| text(c(x, i).code.as_str()),
            ),
            col(
                "former_units",
                Kind::List,
                false,
                "Các đơn vị cũ hợp nhất vào (tên, loại, huyện)",
                "Former units merged into it (name, kind, district)",
                |x, i| {
                    Cell::List(
                        c(x, i)
                            .former_units
                            .iter()
                            .map(|u| {
                                let mut s = format!(
                                    "{} ({})",
                                    x.plain(&u.name),
                                    crate::render::views::enum_key(&u.kind)
                                );
                                if let Some(d) = &u.district {
                                    s.push_str(&format!(", {d}"));
                                }
                                s
                            })
                            .collect(),
                    )
                },
            ),
            col(
                "area_km2",
                Kind::Figure,
                false,
                "Diện tích (km²)",
                "Area (km²)",
                |x, i| Cell::Figure(c(x, i).area_km2.clone()),
            ),
            col(
                "population",
                Kind::Figure,
                false,
                "Dân số (người)",
                "Population",
                |x, i| Cell::Figure(c(x, i).population.clone()),
            ),
            col(
                "lat",
                Kind::Number,
                false,
                "Vĩ độ (WGS 84)",
                "Latitude (WGS 84)",
                |x, i| opt_num(c(x, i).location.map(|l| l.lat)),
            ),
            col(
                "lon",
                Kind::Number,
                false,
                "Kinh độ (WGS 84)",
                "Longitude (WGS 84)",
                |x, i| opt_num(c(x, i).location.map(|l| l.lon)),
            ),
            col(
                "producers",
                Kind::Refs(Collection::Producers),
                false,
                "Chủ thể sản xuất trong xã (suy ra)",
                "Producers in the commune (derived)",
                |x, i| {
                    slugs_at(
                        x.site,
                        Collection::Producers,
                        &x.site.links.commune_producers[i],
                    )
                },
            ),
            col(
                "products",
                Kind::Refs(Collection::Products),
                false,
                "Sản phẩm của xã (suy ra)",
                "Products of the commune (derived)",
                |x, i| {
                    slugs_at(
                        x.site,
                        Collection::Products,
                        &x.site.links.commune_products[i],
                    )
                },
            ),
        ],
    }
}

fn agencies() -> Table {
    fn a<'a>(x: &'a Ctx, i: usize) -> &'a Agency {
        &x.site.content.agencies[i].data
    }
    Table {
        key: "agencies",
        title_vi: "Cơ quan",
        title_en: "Agencies",
        about_vi: "Các cơ quan ban hành văn bản, chủ trì và phối hợp thực hiện nhiệm vụ, với loại cơ quan và trang web.",
        about_en: "The agencies that issue the directives and lead or support their tasks, with their kind and website.",
        len: |s| s.content.agencies.len(),
        columns: vec![
            slug_col(Collection::Agencies),
            url_col(Collection::Agencies),
            col_lang(
                "name",
                Kind::Text,
                true,
                "Tên cơ quan",
                "Name of the agency",
                |x, i, l| x.loc(&a(x, i).name, l),
            ),
            col(
                "short",
                Kind::Text,
                false,
                "Tên viết tắt",
                "Short name",
                |x, i| opt_text(a(x, i).short.as_deref()),
            ),
            col(
                "kind",
                Kind::Enum(AGENCY_KINDS),
                true,
                "Loại cơ quan",
                "Kind of agency",
                |x, i| key(&a(x, i).kind),
            ),
            col(
                "website",
                Kind::Url,
                false,
                "Trang web",
                "Website",
                |x, i| opt_text(a(x, i).website.as_deref()),
            ),
        ],
    }
}

fn chains() -> Table {
    fn c<'a>(x: &'a Ctx, i: usize) -> &'a Chain {
        &x.site.content.chains[i].data
    }
    Table {
        key: "chains",
        title_vi: "Chuỗi liên kết",
        title_en: "Linkage chains",
        about_vi: "Chuỗi liên kết sản xuất – tiêu thụ: sản phẩm, chủ thể chủ trì, các bên tham gia theo khâu, thời gian, diện tích, sản lượng, giá trị và hỗ trợ.",
        about_en: "Production–consumption linkage chains: products, lead producer, participants by stage, period, area, volume, value and support.",
        len: |s| s.content.chains.len(),
        columns: vec![
            slug_col(Collection::Chains),
            url_col(Collection::Chains),
            col_lang(
                "name",
                Kind::Text,
                true,
                "Tên chuỗi",
                "Name of the chain",
                |x, i, l| x.loc(&c(x, i).name, l),
            ),
            col(
                "products",
                Kind::Refs(Collection::Products),
                true,
                "Sản phẩm của chuỗi",
                "Products of the chain",
                |x, i| list(&c(x, i).products),
            ),
            col(
                "lead",
                Kind::Ref(Collection::Producers),
                true,
                "Chủ thể chủ trì",
                "Lead producer",
                |x, i| text(&c(x, i).lead),
            ),
            col(
                "participants",
                Kind::List,
                false,
                "Các bên tham gia: chủ thể (mã hoặc tên), khâu, số hộ",
                "Participants: producer (slug or name), stage, households",
                |x, i| {
                    Cell::List(
                        c(x, i)
                            .participants
                            .iter()
                            .map(|p| {
                                let who = match (&p.producer, &p.name) {
                                    (Some(s), _) => s.clone(),
                                    (None, Some(n)) => x.plain(n),
                                    (None, None) => String::new(),
                                };
                                let mut s = format!("{who}: {}", p.role.as_str());
                                if let Some(h) = &p.households {
                                    s.push_str(&format!(
                                        " ({} households)",
                                        super::model::number_value(h.value)
                                    ));
                                }
                                s
                            })
                            .collect(),
                    )
                },
            ),
            col(
                "period_from",
                Kind::Date,
                false,
                "Bắt đầu",
                "From",
                |x, i| opt_date(c(x, i).period.as_ref().and_then(|p| p.from.as_ref())),
            ),
            col(
                "period_to",
                Kind::Date,
                false,
                "Kết thúc",
                "To",
                |x, i| opt_date(c(x, i).period.as_ref().and_then(|p| p.to.as_ref())),
            ),
            col(
                "contract",
                Kind::Text,
                false,
                "Hợp đồng liên kết",
                "Linkage contract",
                |x, i| opt_text(c(x, i).contract.as_deref()),
            ),
            col(
                "area_ha",
                Kind::Figure,
                false,
                "Diện tích (ha)",
                "Area (ha)",
                |x, i| Cell::Figure(c(x, i).area_ha.clone()),
            ),
            col(
                "volume_tons",
                Kind::Figure,
                false,
                "Sản lượng tiêu thụ (tấn/năm)",
                "Volume (tonnes a year)",
                |x, i| Cell::Figure(c(x, i).volume_tons.clone()),
            ),
            col(
                "value_vnd",
                Kind::Figure,
                false,
                "Giá trị (đồng/năm)",
                "Value (đồng a year)",
                |x, i| Cell::Figure(c(x, i).value_vnd.clone()),
            ),
            col(
                "support",
                Kind::List,
                false,
                "Hỗ trợ: chính sách, năm, số tiền (đồng)",
                "Support: policy, year, amount (đồng)",
                |x, i| {
                    Cell::List(
                        c(x, i)
                            .support
                            .iter()
                            .map(|s| {
                                let mut t = x.plain(&s.policy);
                                if let Some(y) = s.year {
                                    t.push_str(&format!(", {y}"));
                                }
                                if let Some(a) = s.amount_vnd {
                                    t.push_str(&format!(", {}", super::model::number_value(a)));
                                }
                                t
                            })
                            .collect(),
                    )
                },
            ),
            col(
                "status",
                Kind::Enum(CHAIN_STATUSES),
                true,
                "Tình trạng: dự kiến, đang hoạt động, đã kết thúc",
                "Status: planned, active, ended",
                |x, i| key(&c(x, i).status),
            ),
            body_col(
                Collection::Chains,
                "Giới thiệu (Markdown)",
                "About (Markdown)",
            ),
        ],
    }
}

fn directives() -> Table {
    fn d<'a>(x: &'a Ctx, i: usize) -> &'a Directive {
        &x.site.content.directives[i].data
    }
    Table {
        key: "directives",
        title_vi: "Văn bản chỉ đạo",
        title_en: "Directives",
        about_vi: "Công văn, quyết định, nghị quyết, kế hoạch chỉ đạo việc đổi mới tổ chức sản xuất, chuỗi liên kết và xây dựng thương hiệu.",
        about_en: "Letters, decisions, resolutions and plans that direct the renewal of production, linkage chains and brand building.",
        len: |s| s.content.directives.len(),
        columns: vec![
            slug_col(Collection::Directives),
            url_col(Collection::Directives),
            col(
                "number",
                Kind::Code,
                true,
                "Số, ký hiệu văn bản",
                "Number of the document",
                |x, i| text(d(x, i).number.as_str()),
            ),
            col(
                "kind",
                Kind::Enum(DIRECTIVE_KINDS),
                true,
                "Loại văn bản",
                "Kind of document",
                |x, i| key(&d(x, i).kind),
            ),
            col_lang(
                "title",
                Kind::Text,
                true,
                "Trích yếu",
                "Title",
                |x, i, l| x.loc(&d(x, i).title, l),
            ),
            col(
                "issuer",
                Kind::Ref(Collection::Agencies),
                true,
                "Cơ quan ban hành",
                "Issuing agency",
                |x, i| text(&d(x, i).issuer),
            ),
            col(
                "signed",
                Kind::Date,
                true,
                "Ngày ký",
                "Date signed",
                |x, i| opt_date(Some(&d(x, i).signed)),
            ),
            col_lang(
                "signer",
                Kind::Text,
                false,
                "Người ký",
                "Signed by",
                |x, i, l| x.loc_opt(d(x, i).signer.as_ref(), l),
            ),
            col(
                "references",
                Kind::Refs(Collection::Directives),
                false,
                "Văn bản được dẫn chiếu",
                "Directives it refers to",
                |x, i| list(&d(x, i).references),
            ),
            col(
                "based_on",
                Kind::Refs(Collection::Reports),
                false,
                "Báo cáo làm căn cứ",
                "Reports it is based on",
                |x, i| list(&d(x, i).based_on),
            ),
            col(
                "document",
                Kind::Url,
                false,
                "Tệp văn bản",
                "The document's file",
                |x, i| opt_text(d(x, i).document.as_ref().map(|m| x.media(&m.src))),
            ),
            col(
                "tasks",
                Kind::List,
                false,
                "Mã các nhiệm vụ (chi tiết trong bảng nhiệm vụ)",
                "Ids of its tasks (details in the tasks table)",
                |x, i| list(d(x, i).tasks.iter().map(|t| t.id.as_str())),
            ),
            body_col(
                Collection::Directives,
                "Nội dung (Markdown)",
                "Text (Markdown)",
            ),
        ],
    }
}

/// The `i`-th task of all directives, counted in directive then file
/// order: (directive, task).
fn task_at(site: &Site, mut i: usize) -> (usize, usize) {
    for (d, r) in site.content.directives.iter().enumerate() {
        let n = r.data.tasks.len();
        if i < n {
            return (d, i);
        }
        i -= n;
    }
    (0, 0)
}

fn task_count(site: &Site) -> usize {
    site.content
        .directives
        .iter()
        .map(|r| r.data.tasks.len())
        .sum()
}

fn tasks() -> Table {
    fn t<'a>(x: &'a Ctx, i: usize) -> (usize, usize, &'a Task) {
        let (d, n) = task_at(x.site, i);
        (d, n, &x.site.content.directives[d].data.tasks[n])
    }
    Table {
        key: "tasks",
        title_vi: "Nhiệm vụ",
        title_en: "Tasks",
        about_vi: "Các nhiệm vụ của từng văn bản chỉ đạo, với cơ quan chủ trì, thời hạn và tình trạng tính tại ngày số liệu (quá hạn, sắp đến hạn).",
        about_en: "The tasks of each directive, with lead agency, deadline and status computed at the data's date (overdue, due soon).",
        len: task_count,
        columns: vec![
            col(
                "directive",
                Kind::Ref(Collection::Directives),
                true,
                "Văn bản giao nhiệm vụ",
                "Directive that sets the task",
                |x, i| text(&x.site.content.directives[t(x, i).0].slug),
            ),
            col(
                "id",
                Kind::Code,
                true,
                "Mã nhiệm vụ trong văn bản",
                "Id of the task in its directive",
                |x, i| text(t(x, i).2.id.as_str()),
            ),
            col_lang(
                "url",
                Kind::Url,
                true,
                "Địa chỉ của nhiệm vụ trên trang văn bản",
                "Address of the task on the directive's page",
                |x, i, l| {
                    let (d, _, task) = t(x, i);
                    match x.page(
                        Collection::Directives,
                        &x.site.content.directives[d].slug,
                        l,
                    ) {
                        Cell::Text(u) => Cell::Text(format!(
                            "{u}#task-{}",
                            crate::content::slug::propose(task.id.as_str())
                        )),
                        other => other,
                    }
                },
            ),
            col_lang(
                "title",
                Kind::Text,
                true,
                "Nội dung nhiệm vụ",
                "The task",
                |x, i, l| x.loc(&t(x, i).2.title, l),
            ),
            col(
                "lead",
                Kind::Code,
                true,
                "Cơ quan chủ trì (mã cơ quan, hoặc all-communes / all-departments)",
                "Lead agency (agency slug, or all-communes / all-departments)",
                |x, i| text(&t(x, i).2.lead),
            ),
            col(
                "support",
                Kind::List,
                false,
                "Cơ quan phối hợp",
                "Supporting agencies",
                |x, i| list(&t(x, i).2.support),
            ),
            col(
                "deadline",
                Kind::Date,
                false,
                "Thời hạn (trống: thường xuyên)",
                "Deadline (empty: ongoing)",
                |x, i| opt_date(t(x, i).2.deadline.as_ref()),
            ),
            col(
                "status",
                Kind::Enum(TASK_STATUSES),
                true,
                "Tình trạng theo lần cập nhật mới nhất",
                "Status from the latest update",
                |x, i| {
                    let (d, n, _) = t(x, i);
                    text(x.site.tasks[d][n].status.as_str())
                },
            ),
            col(
                "progress",
                Kind::Integer,
                false,
                "Tiến độ (%) theo số liệu gần nhất",
                "Progress (%) by the last figure given",
                |x, i| {
                    let (d, n, _) = t(x, i);
                    opt_num(x.site.tasks[d][n].progress.map(f64::from))
                },
            ),
            col(
                "last_update",
                Kind::Date,
                false,
                "Ngày cập nhật gần nhất",
                "Date of the latest update",
                |x, i| {
                    let (d, n, _) = t(x, i);
                    opt_date(x.site.tasks[d][n].last_update.as_ref())
                },
            ),
            col(
                "overdue",
                Kind::Boolean,
                true,
                "Quá hạn tại ngày số liệu",
                "Overdue at the data's date",
                |x, i| {
                    let (d, n, _) = t(x, i);
                    Cell::Bool(x.site.tasks[d][n].overdue)
                },
            ),
            col(
                "due_soon",
                Kind::Boolean,
                true,
                "Đến hạn trong 30 ngày tới",
                "Due within 30 days",
                |x, i| {
                    let (d, n, _) = t(x, i);
                    Cell::Bool(x.site.tasks[d][n].due_soon)
                },
            ),
            col(
                "reports",
                Kind::Refs(Collection::Reports),
                false,
                "Báo cáo về nhiệm vụ (suy ra)",
                "Reports on the task (derived)",
                |x, i| {
                    let (d, n, _) = t(x, i);
                    slugs_at(
                        x.site,
                        Collection::Reports,
                        &x.site.links.task_reports[d][n],
                    )
                },
            ),
        ],
    }
}

fn indicators() -> Table {
    fn n<'a>(x: &'a Ctx, i: usize) -> &'a Indicator {
        &x.site.content.indicators[i].data
    }
    fn year_values(v: &[(i32, f64)]) -> Cell {
        Cell::List(
            v.iter()
                .map(|(y, v)| format!("{y}: {}", super::model::number_value(*v)))
                .collect(),
        )
    }
    Table {
        key: "indicators",
        title_vi: "Chỉ tiêu",
        title_en: "Indicators",
        about_vi: "Các chỉ tiêu theo dõi: giá trị gốc, mục tiêu, số thực hiện theo năm và mức độ hoàn thành.",
        about_en: "The indicators followed: baseline, targets, actuals by year and progress.",
        len: |s| s.content.indicators.len(),
        columns: vec![
            slug_col(Collection::Indicators),
            url_col(Collection::Indicators),
            col_lang(
                "name",
                Kind::Text,
                true,
                "Tên chỉ tiêu",
                "Name of the indicator",
                |x, i, l| x.loc(&n(x, i).name, l),
            ),
            col_lang(
                "unit",
                Kind::Text,
                true,
                "Đơn vị tính",
                "Unit",
                |x, i, l| x.loc(&n(x, i).unit, l),
            ),
            col(
                "directive",
                Kind::Ref(Collection::Directives),
                false,
                "Văn bản đặt ra chỉ tiêu",
                "Directive that sets it",
                |x, i| opt_text(n(x, i).directive.as_deref()),
            ),
            col(
                "higher_is_better",
                Kind::Boolean,
                false,
                "Giá trị cao hơn là tốt hơn",
                "Whether higher is better",
                |x, i| Cell::Bool(n(x, i).higher_is_better.unwrap_or(true)),
            ),
            col(
                "baseline_year",
                Kind::Integer,
                false,
                "Năm gốc",
                "Baseline year",
                |x, i| opt_num(n(x, i).baseline.map(|b| f64::from(b.year))),
            ),
            col(
                "baseline_value",
                Kind::Number,
                false,
                "Giá trị gốc",
                "Baseline value",
                |x, i| opt_num(n(x, i).baseline.map(|b| b.value)),
            ),
            col(
                "targets",
                Kind::List,
                false,
                "Mục tiêu theo năm (năm: giá trị)",
                "Targets by year (year: value)",
                |x, i| {
                    year_values(
                        &n(x, i)
                            .targets
                            .iter()
                            .map(|t| (t.year, t.value))
                            .collect::<Vec<_>>(),
                    )
                },
            ),
            col(
                "actuals",
                Kind::List,
                false,
                "Thực hiện theo năm (năm: giá trị)",
                "Actuals by year (year: value)",
                |x, i| {
                    year_values(
                        &n(x, i)
                            .actuals
                            .iter()
                            .map(|t| (t.year, t.value))
                            .collect::<Vec<_>>(),
                    )
                },
            ),
            col(
                "progress",
                Kind::Number,
                false,
                "Mức hoàn thành: (thực hiện − gốc) / (mục tiêu − gốc)",
                "Progress: (actual − baseline) / (target − baseline)",
                |x, i| {
                    opt_num(
                        x.site.indicators[i]
                            .ratio
                            .map(|r| (r * 10000.0).round() / 10000.0),
                    )
                },
            ),
            body_col(
                Collection::Indicators,
                "Giải thích (Markdown)",
                "Notes (Markdown)",
            ),
        ],
    }
}

fn reports() -> Table {
    fn r<'a>(x: &'a Ctx, i: usize) -> &'a Report {
        &x.site.content.reports[i].data
    }
    Table {
        key: "reports",
        title_vi: "Báo cáo và tin",
        title_en: "Reports and news",
        about_vi: "Báo cáo và tin tức về việc thực hiện, với cơ quan, văn bản và nhiệm vụ liên quan.",
        about_en: "Reports and news on the work, with their agency, directive and tasks.",
        len: |s| s.content.reports.len(),
        columns: vec![
            slug_col(Collection::Reports),
            url_col(Collection::Reports),
            col_lang(
                "title",
                Kind::Text,
                true,
                "Tiêu đề",
                "Title",
                |x, i, l| x.loc(&r(x, i).title, l),
            ),
            col("date", Kind::Date, true, "Ngày", "Date", |x, i| {
                opt_date(Some(&r(x, i).date))
            }),
            col(
                "number",
                Kind::Code,
                false,
                "Số, ký hiệu",
                "Number",
                |x, i| opt_text(r(x, i).number.as_ref().map(|n| n.as_str())),
            ),
            col(
                "agency",
                Kind::Ref(Collection::Agencies),
                false,
                "Cơ quan báo cáo",
                "Reporting agency",
                |x, i| opt_text(r(x, i).agency.as_deref()),
            ),
            col(
                "directive",
                Kind::Ref(Collection::Directives),
                false,
                "Văn bản được báo cáo",
                "Directive reported on",
                |x, i| opt_text(r(x, i).directive.as_deref()),
            ),
            col(
                "tasks",
                Kind::List,
                false,
                "Mã các nhiệm vụ được báo cáo",
                "Ids of the tasks reported on",
                |x, i| list(r(x, i).tasks.iter().map(|t| t.as_str())),
            ),
            col_lang(
                "summary",
                Kind::Text,
                false,
                "Tóm tắt",
                "Summary",
                |x, i, l| x.loc_opt(r(x, i).summary.as_ref(), l),
            ),
            col(
                "kind",
                Kind::Enum(REPORT_KINDS),
                true,
                "Loại: báo cáo hoặc tin",
                "Kind: report or news",
                |x, i| key(&r(x, i).kind),
            ),
            body_col(
                Collection::Reports,
                "Nội dung (Markdown)",
                "Text (Markdown)",
            ),
        ],
    }
}

fn pages() -> Table {
    Table {
        key: "pages",
        title_vi: "Trang thông tin",
        title_en: "Pages",
        about_vi: "Các trang thông tin của cổng: giới thiệu, liên hệ và các ghi chú khác, với nội dung Markdown theo từng ngôn ngữ.",
        about_en: "The portal's own pages: about, contact and other notes, with their Markdown text in each language.",
        len: |s| s.content.pages.len(),
        columns: vec![
            slug_col(Collection::Pages),
            url_col(Collection::Pages),
            col_lang(
                "title",
                Kind::Text,
                true,
                "Tiêu đề",
                "Title",
                |x, i, l| x.loc(&x.site.content.pages[i].data.title, l),
            ),
            col(
                "menu",
                Kind::Integer,
                false,
                "Thứ tự trong trình đơn (trống: không có trong trình đơn)",
                "Position in the menu (empty: not in the menu)",
                |x, i| opt_num(x.site.content.pages[i].data.menu.map(f64::from)),
            ),
            body_col(Collection::Pages, "Nội dung (Markdown)", "Text (Markdown)"),
        ],
    }
}

/// Every table of the open data, in the order they are listed.
pub fn tables() -> Vec<Table> {
    vec![
        products(),
        brands(),
        producers(),
        communes(),
        chains(),
        directives(),
        tasks(),
        indicators(),
        agencies(),
        reports(),
        pages(),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::de::DeserializeOwned;

    fn all_parse<T: DeserializeOwned>(values: &[&str]) {
        for v in values {
            assert!(
                serde_yaml::from_str::<T>(v).is_ok(),
                "`{v}` is not a value of {}",
                std::any::type_name::<T>()
            );
        }
    }

    #[test]
    fn enum_lists_match_the_model() {
        all_parse::<ProducerKind>(PRODUCER_KINDS);
        all_parse::<BrandKind>(BRAND_KINDS);
        all_parse::<CommuneKind>(COMMUNE_KINDS);
        all_parse::<AgencyKind>(AGENCY_KINDS);
        all_parse::<ChainStatus>(CHAIN_STATUSES);
        all_parse::<DirectiveKind>(DIRECTIVE_KINDS);
        all_parse::<TaskStatus>(TASK_STATUSES);
        all_parse::<OcopGroup>(OCOP_GROUPS);
        all_parse::<OcopStatus>(OCOP_STATUSES);
        all_parse::<ReportKind>(REPORT_KINDS);
        assert_eq!(TASK_STATUSES.len(), TaskStatus::ALL.len());
    }

    #[test]
    fn column_names_are_unique_and_every_table_has_meanings() {
        let langs = vec!["vi".to_string(), "en".to_string()];
        for t in tables() {
            let fields = t.fields(&langs);
            let mut names: Vec<&str> = fields.iter().map(|f| f.name.as_str()).collect();
            let n = names.len();
            names.sort_unstable();
            names.dedup();
            assert_eq!(names.len(), n, "duplicate column in {}", t.key);
            for f in &fields {
                assert!(!f.vi.is_empty() && !f.en.is_empty(), "{}.{}", t.key, f.name);
            }
        }
    }
}
