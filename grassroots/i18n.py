"""User-visible words and numbers: Vietnamese by default, English on request."""

import functools
import math
import unicodedata

LANGS = ("vi", "en")

STRINGS = {
    "app_title": ("Chỉ số chính quyền cơ sở", "Grassroots government indicators"),
    "overview": ("Tổng quan", "Overview"),
    "dossiers": ("Hồ sơ TTHC", "Dossiers"),
    "letters": ("Thư chúc mừng, chia buồn", "Letters"),
    "engagement": ("Tiếp dân, đối thoại", "Engagement"),
    "cadres": ("Đội ngũ cán bộ", "Cadres"),
    "satisfaction": ("Mức độ hài lòng", "Satisfaction"),
    "profile": ("Hồ sơ xã", "Commune profile"),
    "family": ("Nhóm", "Group"),
    "rank_of": ("{rank}/{count}", "{rank} of {count}"),
    "vs_previous_short": ("So với kỳ trước", "Change"),
    "sparkline": ("Diễn biến", "Trend"),
    "strongest": ("Mạnh nhất so với toàn {level}", "Strongest against the {level}"),
    "weakest": ("Yếu nhất so với toàn {level}", "Weakest against the {level}"),
    "standing_item": ("{indicator}: {value} (toàn {level} {parent}; hạng {rank})",
                      "{indicator}: {value} ({level} {parent}; rank {rank})"),
    "population": ("Dân số", "Population"),
    "households": ("Số hộ", "Households"),
    "area": ("Diện tích", "Area"),
    "open_profile": ("Bấm vào một xã để mở hồ sơ xã.", "Click a commune to open its profile."),
    "period_kind": ("Kỳ báo cáo", "Period"),
    "month": ("Tháng", "Month"),
    "quarter": ("Quý", "Quarter"),
    "half": ("6 tháng", "Half"),
    "year": ("Năm", "Year"),
    "range": ("Khoảng", "Range"),
    "period": ("Chọn kỳ", "Choose period"),
    "indicator": ("Chỉ số", "Indicator"),
    "demo_banner": (
        "DỮ LIỆU MẪU — số liệu tổng hợp để minh họa, không phải số liệu thực.",
        "DỮ LIỆU MẪU (sample data) — synthetic figures for illustration, not real data.",
    ),
    "demo_mark": ("DỮ LIỆU MẪU", "DỮ LIỆU MẪU (sample data)"),
    "source": ("Nguồn", "Source"),
    "briefing": ("Báo cáo giao ban", "Briefing pack"),
    "briefing_title": ("Báo cáo giao ban", "Briefing"),
    "briefing_help": ("Chọn kỳ ở thanh bên và các phần cần đưa vào; xem trước rồi tải bộ trang "
                      "chiếu PowerPoint hoặc PDF.", "Choose the period in the sidebar and the "
                      "sections; preview, then download the PowerPoint deck or the PDF."),
    "briefing_sections": ("Các phần", "Sections"),
    "briefing_maps": ("Kèm bản đồ", "With maps"),
    "briefing_build": ("Tạo báo cáo", "Make the pack"),
    "briefing_building": ("Đang vẽ biểu đồ và soạn trang chiếu…",
                          "Drawing the charts and writing the slides…"),
    "briefing_slides": ("{count} trang chiếu, kể cả trang bìa và bảng tổng hợp.",
                        "{count} slides, the title and closing table included."),
    "briefing_written": ("Đã ghi {path}: {count} trang.", "Wrote {path}: {count} pages."),
    "made_on": ("Lập ngày", "Made on"),
    "brief_table": ("Bảng tổng hợp các xã", "Communes at a glance"),
    "brief_met_label": ("Số xã đạt chỉ tiêu", "Communes on target"),
    "brief_met": ("{met}/{total} xã đạt chỉ tiêu {target}; thấp nhất: {name} {value}.",
                  "{met} of {total} communes meet the {target} target; lowest: {name} {value}."),
    "brief_range": ("Cao nhất: {best} {best_value}; thấp nhất: {worst} {worst_value}.",
                    "Highest: {best} {best_value}; lowest: {worst} {worst_value}."),
    "brief_better": ("{total} đạt {value}, tốt hơn {previous} {change}.",
                     "{total}: {value}, better than {previous} by {change}."),
    "brief_worse": ("{total} đạt {value}, kém {previous} {change}.",
                    "{total}: {value}, worse than {previous} by {change}."),
    "brief_same": ("{total} đạt {value}, không đổi so với {previous}.",
                   "{total}: {value}, unchanged from {previous}."),
    "brief_missing": ("Chưa có số liệu: {names}.", "No figures from: {names}."),
    "brief_score": ("Cao nhất: {best} {best_value} điểm; thấp nhất: {worst} {worst_value} điểm.",
                    "Highest: {best}, {best_value} points; lowest: {worst}, {worst_value} "
                    "points."),
    "username": ("Tên đăng nhập", "User name"),
    "password": ("Mật khẩu", "Password"),
    "sign_in": ("Đăng nhập", "Sign in"),
    "sign_out": ("Đăng xuất ({name})", "Sign out ({name})"),
    "session_expired": ("Phiên làm việc đã hết hạn; hãy đăng nhập lại.",
                        "Your session expired; sign in again."),
    "directory_unknown": ("Thư mục của cơ quan đã xác nhận «{name}», nhưng tài khoản này chưa được "
                          "cấp quyền vào bảng chỉ số; hãy liên hệ cán bộ CNTT.",
                          "The office's directory knows '{name}', but that account has no access "
                          "to the dashboard yet; ask the IT officer."),
    "sign_in_needed": ("Hãy đăng nhập để xem bảng chỉ số.", "Sign in to see the dashboard."),
    "sign_out_everywhere": ("Đăng xuất trên mọi máy", "Sign out everywhere"),
    "other_language": ("English", "Tiếng Việt"),
    "form_refused": ("Biểu mẫu không đến từ trang đăng nhập của hệ thống hoặc đã quá hạn; hãy "
                     "tải lại trang rồi đăng nhập.",
                     "The form did not come from this dashboard's sign-in page, or it is too "
                     "old; reload the page and sign in."),
    "login_slow": ("Máy này đã nhập sai mật khẩu nhiều lần; thử lại sau {seconds} giây.",
                   "Too many wrong passwords from this computer; try again in {seconds} "
                   "seconds."),
    "open_banner": ("Chưa bật đăng nhập: ai truy cập được máy chủ này đều xem và sửa được số "
                    "liệu. Cán bộ CNTT bật đăng nhập bằng lệnh «python -m grassroots users add».",
                    "Logins are off: anyone who reaches this server can see and change the "
                    "figures. The IT officer turns them on with «python -m grassroots users add»."),
    "login_failed": ("Sai tên đăng nhập hoặc mật khẩu.", "Wrong user name or password."),
    "login_locked": ("Tài khoản tạm khóa do nhập sai mật khẩu nhiều lần; thử lại sau {until}.",
                     "The account is locked after repeated wrong passwords; try again after "
                     "{until}."),
    "user_bad_name": ("Tên đăng nhập «{name}» không hợp lệ: chỉ chữ, số và . @ - _.",
                      "'{name}' is not a valid user name: letters, digits and . @ - _ only."),
    "user_bad_role": ("Vai trò «{role}» không có; chọn viewer, reporter, editor hoặc admin.",
                      "There is no role '{role}'; choose viewer, reporter, editor or admin."),
    "user_bad_commune": ("Chỉ tài khoản xem (viewer) hoặc báo cáo (reporter) mới giới hạn theo "
                         "xã; tài khoản báo cáo phải có một xã (--commune), và mã xã «{code}» "
                         "phải có trong danh sách xã.",
                         "Only a viewer or a reporter can be limited to a commune; a reporter "
                         "must be (--commune), and the code '{code}' must be a commune's."),
    "user_short_password": ("Mật khẩu cần ít nhất 8 ký tự.",
                            "A password needs at least 8 characters."),
    "user_exists": ("Đã có tài khoản «{name}».", "The account '{name}' exists already."),
    "user_unknown": ("Không có tài khoản «{name}».", "There is no account '{name}'."),
    "user_added": ("Đã thêm tài khoản «{name}» ({role}).", "Added the account '{name}' ({role})."),
    "user_removed": ("Đã xóa tài khoản «{name}».", "Removed the account '{name}'."),
    "user_password_set": ("Đã đặt mật khẩu mới cho «{name}».", "New password set for '{name}'."),
    "passwords_differ": ("Hai lần nhập mật khẩu không khớp.", "The two passwords differ."),
    "sessions_ended": ("Đã kết thúc {count} phiên của «{name}».",
                       "Ended {count} sessions of '{name}'."),
    "no_sessions": ("Không có phiên nào đang mở.", "No open sessions."),
    "no_users": ("Chưa có tài khoản nào: bảng điều khiển đang mở cho mọi người.",
                 "No accounts: the dashboard is open to everyone."),
    "backup_made": ("Đã sao lưu vào {folder}.", "Backed up to {folder}."),
    "backup_restored": ("Đã khôi phục bản sao lưu {folder} (lập lúc {made}); {tables} bảng khớp "
                        "tổng kiểm.", "Restored the backup {folder} (made at {made}); {tables} "
                        "tables match their checksums."),
    "backup_unreadable": ("Không đọc được bản sao lưu trong {folder} (thiếu manifest.json).",
                          "No backup can be read in {folder} (manifest.json is missing)."),
    "backup_damaged": ("Bản sao lưu trong {folder} không khớp tổng kiểm: tệp bị hỏng hoặc bị "
                       "sửa; không khôi phục.", "The backup in {folder} does not match its "
                       "checksums: the file is damaged or changed; nothing was restored."),
    "chart_ends": ("{shown} xã đứng đầu và {shown} xã cuối trong {count} xã; đủ danh sách ở "
                   "bảng số liệu dưới biểu đồ.", "The first and last {shown} of {count} "
                   "communes; all of them in the table under the chart."),
    "communes_band": ("80% số xã ở giữa", "The middle 80% of communes"),
    "present_mode": ("Trình chiếu", "Presentation mode"),
    "present_help": ("Ẩn thanh bên và thanh công cụ, chữ lớn, biểu đồ khổ 16:9: chụp màn hình "
                     "là có trang chiếu.", "Hide the sidebar and toolbars, large type, 16:9 "
                     "charts: a screenshot is a slide."),
    "present_exit": ("Thoát trình chiếu", "Leave presentation mode"),
    "updated": ("cập nhật", "updated"),
    "commune_reports": ("báo cáo của các xã", "the communes' reports"),
    "no_data": ("Không có số liệu", "No data"),
    "no_data_short": ("–", "–"),
    "vs_previous": ("so với {period}", "vs {period}"),
    "vs_year_earlier": ("Cùng kỳ ({period})", "Year earlier ({period})"),
    "scorecard": ("Bảng điểm các xã theo chỉ tiêu", "Commune scorecard"),
    "scorecard_help": (
        "Màu theo mức đạt chỉ tiêu: xanh lá = đạt, vàng = gần đạt (thiếu dưới 5 điểm %, hay dưới "
        "10% chỉ tiêu với số lần), đỏ = chưa đạt, xanh lam = chưa có chỉ tiêu, xám = không có số "
        "liệu.",
        "Colour by target: green = met, amber = close (within 5 points, or 10% of a count "
        "target), red = missed, blue = no target, grey = no data.",
    ),
    "ranking": ("Xếp hạng các xã", "Commune ranking"),
    "trend": ("Diễn biến theo thời gian", "Trend over time"),
    "table": ("Số liệu của biểu đồ", "Numbers shown"),
    "rank": ("Hạng", "Rank"),
    "commune": ("Xã", "Commune"),
    "value": ("Giá trị", "Value"),
    "numerator": ("Tử số", "Numerator"),
    "denominator": ("Mẫu số", "Denominator"),
    "target": ("Chỉ tiêu", "Target"),
    "status": ("Đánh giá", "Status"),
    "met": ("Đạt", "Met"),
    "close": ("Gần đạt", "Close"),
    "missed": ("Chưa đạt", "Missed"),
    "no_target": ("Chưa có chỉ tiêu", "No target"),
    "legal_reference": ("Căn cứ", "Reference"),
    "formula": ("Cách tính", "Formula"),
    "communes": ("Các xã", "Communes"),
    "no_data_period": (
        "Chưa có số liệu nào cho kỳ này.", "There are no figures for this period yet.",
    ),
    "completeness": ("Tình hình báo cáo của các xã", "Reports received from the communes"),
    "points": ("điểm %", "pts"),
    "district": ("huyện", "district"),
    "province": ("tỉnh", "province"),
    "parent_total": ("Toàn {level}", "Whole {level}"),
    "days_per_month": ("ngày/tháng", "days/month"),
    "per_month": ("buổi/tháng", "per month"),
    "per_year": ("lần/năm", "per year"),
    "score": ("điểm", "points"),
    "composite": ("Điểm tổng hợp", "Composite score"),
    "average": ("Bình quân các xã", "Communes' average"),
    "composite_help": (
        "Mỗi chỉ số được quy về thang 0–100 so với chỉ tiêu (đạt hoặc vượt chỉ tiêu = 100; tỷ lệ "
        "chưa có chỉ tiêu so với 100%); điểm nhóm là trung bình các chỉ số có số liệu; điểm tổng "
        "hợp là trung bình có trọng số của các nhóm có số liệu. Nhóm và trọng số theo tinh thần "
        "Quyết định 766/QĐ-TTg.",
        "Each indicator is scaled 0–100 against its target (met or beaten = 100; rates without "
        "a target against 100%); a group scores the mean of its indicators with data; the "
        "composite is the weighted mean of the groups with data. Groups and weights in the "
        "spirit of Decision 766/QĐ-TTg.",
    ),
    "weights": ("Trọng số các nhóm", "Group weights"),
    "save": ("Lưu trọng số", "Save weights"),
    "saved": ("Đã lưu trọng số.", "Weights saved."),
    "bad_weights": ("Trọng số không được âm và tổng phải lớn hơn 0.",
                    "Weights must not be negative and must add up to more than 0."),
    "rank_changes": ("Thay đổi thứ hạng qua các kỳ", "Rank changes across periods"),
    "sort_by": ("Sắp xếp theo", "Sort by"),
    "map": ("Bản đồ", "Map"),
    "data": ("Dữ liệu", "Data"),
    "made_from": ("Hợp thành từ các xã trước {date}: hồ sơ của từng xã",
                  "Made from the communes before {date}: each one's profile"),
    "made_from_item": ("{commune} ({link})", "{commune} ({link})"),
    "merged": ("sáp nhập", "merged"),
    "split": ("chia tách, một phần", "split, in part"),
    "renamed": ("đổi tên", "renamed"),
    "unchanged": ("giữ nguyên", "unchanged"),
    "area_of": ("khu vực {name} cũ", "the area of the former {name}"),
    "area_choice": ("Khu vực", "Area"),
    "area_all": ("Toàn {parent}", "All of {parent}"),
    "area_whole": ("Toàn khu vực", "Whole area"),
    "area_level": ("khu vực", "area"),
    "as_they_were": ("Xã như trước {date}", "Communes as before {date}"),
    "as_they_were_help": ("Bật: các xã như trước khi sắp xếp, mỗi xã với số liệu của mình. "
                          "Tắt: số liệu của các xã cũ cộng vào xã hiện nay.",
                          "On: the communes as they were before the reorganisation, each with "
                          "its own figures. Off: the former communes' figures added into the "
                          "communes of today."),
    "rollup_one": ("Trước {date}: gồm số liệu của các xã cũ {names}",
                   "Before {date}: includes the figures of the former communes {names}"),
    "rollup_many": ("Trước {date}: số liệu của {old} xã cũ cộng vào {new} xã hiện nay",
                    "Before {date}: the figures of {old} former communes added into the {new} "
                    "communes of today"),
    "rollup_split": ("xã chia tách, tính cả vào một xã: {pairs}",
                     "split communes counted whole in one: {pairs}"),
    "unknown_province": ("Không có tỉnh, thành phố «{province}» trong danh sách 34 tỉnh, thành "
                         "phố từ 01/07/2025.", "There is no province «{province}» among the 34 "
                         "provinces since 1 July 2025."),
    "unknown_district": ("Không có huyện «{district}» của tỉnh «{province}» trong danh sách "
                         "trước 01/07/2025.", "There was no district «{district}» in the "
                         "province «{province}» before 1 July 2025."),
    "not_found_title": ("Không tìm thấy trang", "Page not found"),
    "not_found": ("Bảng điều khiển không có trang nào ở địa chỉ {path}: có thể liên kết đã cũ "
                  "hoặc gõ nhầm.", "The dashboard has no page at {path}: the link may be old "
                  "or mistyped."),
    "not_found_home": ("Mở trang {page}", "Open {page}"),
    "upload_button": ("Chọn tệp", "Choose a file"),
    "upload_limit": ("Tối đa {size} MB mỗi tệp", "Up to {size} MB per file"),
    "axis_starts": ("Trục hoành bắt đầu từ {start}, không từ 0",
                    "The axis starts at {start}, not 0"),
    "welcome": ("Bắt đầu", "Getting started"),
    "welcome_title": ("Chào mừng đến với bảng chỉ số chính quyền cơ sở",
                      "Welcome to the grassroots government indicators"),
    "welcome_what": (
        "Bảng điều khiển giúp lãnh đạo {parent} xem các chỉ số của từng xã và so sánh các xã "
        "với nhau, theo tháng, quý, năm: hồ sơ thủ tục hành chính (đúng hạn, trực tuyến, thanh "
        "toán trực tuyến, số hóa), thư chúc mừng và chia buồn gửi các gia đình, tiếp công dân và "
        "đối thoại, trình độ cán bộ, mức độ hài lòng của người dân. Mỗi chỉ số có bảng xếp hạng, "
        "bản đồ, diễn biến và đối chiếu với chỉ tiêu; trang «Báo cáo giao ban» xuất bộ trang chiếu "
        "cho cuộc họp.",
        "The dashboard lets the leadership of {parent} see each commune's indicators and compare "
        "the communes, by month, quarter or year: administrative-procedure dossiers (on time, "
        "online, paid online, digitised), congratulation and condolence letters to families, "
        "citizen receptions and dialogues, cadre qualifications and people's satisfaction. Each "
        "indicator has a ranking, a map and a trend against its target; the Briefing pack page "
        "makes the slides for a meeting."),
    "welcome_empty": ("Cơ sở dữ liệu này chưa có số liệu nào. Các bước tiếp theo:",
                      "This database holds no figures yet. Next steps:"),
    "welcome_units": ("**1. Danh sách xã.** Nhập tệp theo mẫu «Danh sách xã, phường, thị trấn» "
                      "(mã, tên, loại, dân số, diện tích…), trên trang Dữ liệu hoặc bằng lệnh:",
                      "**1. The communes.** Import a file made from the «Communes» template "
                      "(code, name, kind, population, area…), on the Data page or with:"),
    "welcome_units_done": ("**1. Danh sách xã:** đã có {count} xã.",
                           "**1. The communes:** {count} communes are in."),
    "welcome_figures": ("**2. Số liệu.** Tải các mẫu nhập liệu Excel, điền số liệu tháng của "
                        "các xã và nhập trên trang Dữ liệu. Tệp có lỗi bị từ chối toàn bộ, kèm "
                        "danh sách lỗi theo dòng, cột; không có gì được ghi.",
                        "**2. The figures.** Download the Excel templates, fill in the communes' "
                        "monthly figures and import them on the Data page. A file with a problem "
                        "is refused whole, with every problem listed by row and column; nothing "
                        "is written."),
    "welcome_figures_ask": ("**2. Số liệu.** Tài khoản của bạn chỉ được xem; hãy nhờ cán bộ có "
                            "quyền nhập dữ liệu nhập các báo cáo tháng của các xã.",
                            "**2. The figures.** Your account may only read: ask a colleague "
                            "who may import to import the communes' monthly reports."),
    "welcome_open_data": ("Mở trang Dữ liệu: mẫu nhập liệu và nhập tệp",
                          "Open the Data page: templates and imports"),
    "welcome_demo": ("**Hoặc dùng thử với dữ liệu mẫu** (một huyện với số liệu tổng hợp, ghi rõ "
                     "DỮ LIỆU MẪU trên mọi trang), trên máy chủ:",
                     "**Or try the demo** (a district with synthetic figures, marked DỮ LIỆU "
                     "MẪU on every page), on the server:"),
    "welcome_commune": ("Chưa có số liệu nào của {commune}. Số liệu hiện ra ở đây khi báo cáo "
                        "tháng của xã đã được nhập vào hệ thống; hãy gửi báo cáo cho cán bộ phụ "
                        "trách dữ liệu của {parent}.",
                        "There are no figures for {commune} yet. They appear here once the "
                        "commune's monthly reports are imported: send them to the data officer "
                        "of {parent}."),
    "boundaries": ("Ranh giới xã", "Commune boundaries"),
    "boundaries_now": ("Đang dùng ranh giới của {count} xã, từ tệp {source}.",
                       "In use: boundaries of {count} communes, from {source}."),
    "boundary_file": ("Tệp ranh giới (GeoJSON, Shapefile nén .zip kèm .prj và .cpg, GeoPackage)",
                      "Boundary file (GeoJSON, zipped Shapefile with .prj and .cpg, GeoPackage)"),
    "code_field": ("Trường mã xã (nếu không tự nhận ra)", "Commune code field (if not found)"),
    "code_field_help": ("Tên trường chứa mã đơn vị hành chính 5 chữ số.",
                        "The field holding the 5-digit official code."),
    "crs": ("Hệ tọa độ (nếu tệp không ghi)", "Coordinate system (if the file does not say)"),
    "crs_help": ("Ví dụ EPSG:5897 (VN-2000, múi 3 độ, 105°30'), EPSG:4326 (WGS84).",
                 "For example EPSG:5897 (VN-2000 TM-3 105°30'), EPSG:4326 (WGS84)."),
    "reading_boundaries": ("Đang đọc và đối chiếu ranh giới…", "Reading and matching boundaries…"),
    "save_boundaries": ("Lưu ranh giới này", "Use these boundaries"),
    "boundaries_saved": ("Đã lưu ranh giới của {count} xã.",
                         "Saved boundaries of {count} communes."),
    "map_page": ("Bản đồ các xã", "Map of communes"),
    "classes_method": ("Tô màu theo", "Colour by"),
    "quantiles": ("Phân vị", "Quantiles"),
    "equal": ("Khoảng đều", "Equal intervals"),
    "natural": ("Ngắt tự nhiên", "Natural breaks"),
    "classes_count": ("Số lớp", "Number of classes"),
    "class": ("Lớp", "Class"),
    "status_method": ("Chỉ tiêu", "Target"),
    "map_by_status": ("So với chỉ tiêu {target}", "Against the target of {target}"),
    "map_by_classes": ("{count} lớp theo {method}", "{count} classes by {method}"),
    "no_boundaries": ("Chưa có ranh giới xã; hãy nạp tệp ranh giới ở trang Dữ liệu.",
                      "No commune boundaries yet; load a boundary file on the Data page."),
    "approximate_boundaries": ("Ranh giới xã phát sinh tự động, chỉ mang tính gần đúng.",
                               "Commune boundaries are generated and approximate."),
    "attention": ("Cần quan tâm", "Needs attention"),
    "attention_none": ("Không có chỉ số nào chưa đạt, giảm hay thiếu báo cáo trong kỳ.",
                       "Nothing missed, worsened or went unreported this period."),
    "missed_item": ("{indicator}: {count} xã chưa đạt chỉ tiêu {target} — {communes}",
                    "{indicator}: {count} communes below the {target} target — {communes}"),
    "and_more": ("và {count} xã khác", "and {count} more"),
    "worsened_item": ("{commune} — {indicator}: {direction} {change} so với {period} (còn {value})",
                      "{commune} — {indicator}: {direction} {change} since {period} (now {value})"),
    "fell": ("giảm", "down"),
    "rose": ("tăng", "up"),
    "unreported_item": ("{commune} — {family}: mới báo cáo {reported}/{expected} tháng",
                        "{commune} — {family}: reported {reported} of {expected} months"),
    "unreported_cadres": ("{commune} — {family}: chưa có báo cáo trong 12 tháng qua",
                          "{commune} — {family}: no report in the last 12 months"),
    "compliance": ("Thực hiện quy định tối thiểu", "Compliance with legal minimums"),
    "rule": ("Quy định", "Rule"),
    "rule_text": ("{kind}: ít nhất {count} {noun} mỗi {per} ({reference})",
                  "{kind}: at least {count} {noun} a {per} ({reference})"),
    "rules": ("Mức tối thiểu theo quy định", "Legal minimums"),
    "in_force_from": ("Áp dụng từ ngày", "In force from"),
    "in_force_help": ("Các kỳ kết thúc trước ngày này vẫn được đánh giá theo mức cũ.",
                      "Periods that end before this day are still judged by the former value."),
    "save_from_day": ("Lưu", "Save"),
    "saved_from": ("Đã lưu, áp dụng từ ngày {day}.", "Saved, in force from {day}."),
    "set_target": ("Đặt chỉ tiêu", "Set the target"),
    "pending": ("Chưa đến hạn", "Not yet due"),
    "months_met": ("Số tháng đạt", "Months met"),
    "compare": ("So sánh các xã", "Compare communes"),
    "compare_pick": ("Chọn từ 2 đến 6 xã", "Pick 2 to 6 communes"),
    "compare_need_two": ("Chọn ít nhất 2 xã để so sánh.", "Pick at least 2 communes."),
    "compare_bars": ("Các chỉ số của các xã được chọn", "Indicators of the chosen communes"),
    "scaled_score": ("Điểm theo chỉ tiêu (0–100)", "Score against target (0–100)"),
    "best_commune": ("Xã tốt nhất", "Best commune"),
    "profile_scale": ("Mỗi chỉ số quy về thang 0–100 so với chỉ tiêu (100 = đạt hoặc vượt; tỷ lệ "
                      "chưa có chỉ tiêu so với 100%)", "Each indicator scaled 0–100 against its "
                      "target (100 = met or beaten; rates without a target against 100%)"),
    "profile_chart": ("Xã so với toàn {level} và xã tốt nhất", "The commune against the {level} "
                      "and the best commune"),
    "score_profile": ("Điểm theo chỉ tiêu của các xã", "Scores against target"),
    "groups_scored": ("Số nhóm có số liệu", "Groups with data"),
    # Imports: where a problem is, then what it is.
    "at_file": ("Tệp {file}", "File {file}"),
    "at_sheet": ("trang «{sheet}»", "sheet '{sheet}'"),
    "at_row": ("dòng {row}", "row {row}"),
    "at_column": ("cột {column}", "column {column}"),
    "more_problems": ("còn {count} lỗi cùng loại ở cột này.",
                      "{count} more of the same in this column."),
    "wrong_format": ("chỉ nhận tệp Excel (.xlsx, .xls), OpenDocument (.ods) hoặc CSV; hãy lưu "
                     "tệp {suffix} thành .xlsx.",
                     "only Excel (.xlsx, .xls), OpenDocument (.ods) and CSV files are accepted; "
                     "save the {suffix} file as .xlsx."),
    "unreadable": ("không mở được tệp: tệp bị hỏng hoặc không đúng định dạng ({error}).",
                   "the file cannot be opened: it is damaged or not in its format ({error})."),
    "no_table": ("không có dòng tiêu đề nào khớp mẫu nhập liệu; hãy dùng mẫu trong trang Dữ "
                 "liệu.", "no row holds the template's headers; use a template from the Data "
                 "page."),
    "no_header": ("không có dòng tiêu đề khớp mẫu nhập liệu.",
                  "no row holds the template's headers."),
    "kind_ambiguous": ("tiêu đề cột khớp nhiều loại tệp ({kinds}); hãy chọn loại tệp.",
                       "the headers fit several kinds of file ({kinds}); choose the kind."),
    "kind_unknown": ("không nhận ra loại tệp từ tiêu đề cột; hãy dùng mẫu nhập liệu.",
                     "the headers do not tell what kind of file this is; use a template."),
    "missing_column": ("thiếu cột «{column}» (tệp loại {kind}).",
                       "the column '{column}' is missing (a {kind} file)."),
    "no_rows": ("không có dòng số liệu nào dưới dòng tiêu đề.", "no data rows under the headers."),
    "no_units": ("cơ sở dữ liệu chưa có danh sách xã; hãy nhập tệp danh sách xã (units) trước.",
                 "the database has no communes yet; import the list of communes (units) first."),
    "bad_code": ("mã xã «{value}» không hợp lệ: mã xã gồm 5 chữ số.",
                 "'{value}' is not a commune code: codes have 5 digits."),
    "form_read": ("đọc theo {form}: kỳ báo cáo tháng {month}, số liệu ghi vào tháng {month}.",
                  "read as {form}: reporting period {month}, figures stored under {month}."),
    "form_read_window": ("đọc theo {form}: kỳ báo cáo tháng {month} (từ ngày {start} đến ngày "
                         "{end}), số liệu ghi vào tháng {month}.",
                         "read as {form}: reporting period {month} (from {start} to {end}), "
                         "figures stored under {month}."),
    "form_no_month": ("{form} không ghi kỳ báo cáo ở dòng tiêu đề (ví dụ «Kỳ báo cáo: Tháng 5 "
                      "năm 2025»); hãy ghi thêm để biết số liệu của tháng nào.",
                      "{form} names no reporting period in its title (e.g. «Kỳ báo cáo: Tháng 5 "
                      "năm 2025»); add it, so that the month of the figures is known."),
    "form_received_total": ("cột Tổng số hồ sơ nhận giải quyết ghi {whole}, nhưng kỳ trước "
                            "chuyển sang và mới tiếp nhận cộng lại là {parts}.",
                            "the total of dossiers to resolve says {whole}, but carried over "
                            "and newly received add up to {parts}."),
    "form_resolved_total": ("cột Tổng số hồ sơ đã giải quyết ghi {whole}, nhưng trước hạn, "
                            "đúng hạn và quá hạn cộng lại là {parts}.",
                            "the total of dossiers resolved says {whole}, but early, on time "
                            "and late add up to {parts}."),
    "form_pending_total": ("cột Tổng số hồ sơ đang giải quyết ghi {whole}, nhưng trong hạn và "
                           "quá hạn cộng lại là {parts}.",
                           "the total of dossiers pending says {whole}, but in time and "
                           "overdue add up to {parts}."),
    "personal_dropped": ("đã bỏ các cột dữ liệu cá nhân {columns}: không đọc, không lưu vào cơ "
                         "sở dữ liệu, và bản lưu của tệp không có các cột này (Nghị định "
                         "13/2023/NĐ-CP).",
                         "dropped the columns of personal data {columns}: not read, not stored, "
                         "and the kept copy of the file has none of them (Decree 13/2023)."),
    "measures_absent": ("tệp không có cột {columns}. Ở các dòng của tệp, các chỉ số cần những "
                        "cột này để trống (chưa có số liệu), không tính là 0: {indicators}. Số "
                        "liệu các cột này đã lưu trước đó được giữ nguyên.",
                        "the file has no column {columns}. On its rows, the indicators that "
                        "need them are left without data, not counted as 0: {indicators}. "
                        "Figures stored before for these columns stay as they were."),
    "not_your_commune": ("có {count} dòng của xã {name} (mã {code}), từ dòng này; tài khoản báo "
                         "cáo chỉ gửi được số liệu của xã mình. Không có dòng nào được ghi.",
                         "{count} rows of {name} (code {code}), from this one; a reporter's "
                         "account sends its own commune's figures only. Nothing was written."),
    "unknown_code": ("không có xã nào mã {value}.", "no commune has the code {value}."),
    "no_commune": ("thiếu cả mã xã và tên xã.", "neither a commune code nor a name."),
    "ambiguous_name": ("tên «{value}» khớp nhiều xã ({codes}); hãy ghi mã xã.",
                       "'{value}' fits several communes ({codes}); give the code."),
    "legacy_name": ("tên «{value}» gõ bằng phông {font}, đã đọc thành «{name}».",
                    "'{value}' was typed in the {font} font; read as '{name}'."),
    "legacy_unknown": ("tên «{value}» gõ bằng phông {font} (đọc thành «{name}») không khớp xã "
                       "nào; hãy chuyển tệp sang Unicode và kiểm tra tên.",
                       "'{value}' was typed in the {font} font (read as '{name}') and fits no "
                       "commune; convert the file to Unicode and check the name."),
    "unknown_name": ("không có xã nào tên «{value}».", "no commune is named '{value}'."),
    "no_longer_in_force": ("{commune} chỉ tồn tại đến {until}; từ đó là {became}.",
                           "{commune} existed until {until}; since then it is {became}."),
    "not_yet_in_force": ("{commune} chỉ có từ {since}.", "{commune} exists only since {since}."),
    "code_name_disagree": ("mã {code} là xã {official}, không phải «{name}».",
                           "code {code} is {official}, not '{name}'."),
    "empty": ("ô trống; cột này bắt buộc.", "empty; this column is required."),
    "not_number": ("«{value}» không phải là số.", "'{value}' is not a number."),
    "negative": ("số lượng không được âm ({value}).", "a count cannot be negative ({value})."),
    "fraction": ("số lượng phải là số nguyên ({value}).", "a count is a whole number ({value})."),
    "bad_month": ("không đọc được tháng «{value}»; hãy ghi dạng 03/2025 hoặc 2025-03.",
                  "'{value}' is not a month; write 03/2025 or 2025-03."),
    "bad_date": ("không đọc được ngày «{value}»; hãy ghi dạng ngày/tháng/năm, ví dụ 31/12/2024.",
                 "'{value}' is not a date; write day/month/year, e.g. 31/12/2024."),
    "too_old": ("«{value}» trước năm 2000; có lẽ ghi nhầm.",
                "'{value}' is before 2000; probably a typing error."),
    "future": ("«{value}» là thời điểm trong tương lai.", "'{value}' lies in the future."),
    "understood": ("{where}: đọc là {kind}. Cột: {columns}. Thời gian: {span}. Xã ({count}): "
                   "{communes}. Bỏ qua: {ignored}.",
                   "{where}: read as {kind}. Columns: {columns}. Time: {span}. Communes "
                   "({count}): {communes}. Left out: {ignored}."),
    "maybe": ("Có phải {words}?", "Did you mean {words}?"),
    "or": (" hay ", " or "),
    "bad_choice": ("«{value}» không hợp lệ; chỉ nhận: {accepted}.",
                   "'{value}' is not accepted; use one of: {accepted}."),
    "bad_flag": ("«{value}» không hợp lệ; hãy ghi Có hoặc Không.",
                 "'{value}' is not accepted; write Có (yes) or Không (no)."),
    "parts": ("{parts} = {part_sum} lớn hơn {whole} = {whole_sum}.",
              "{parts} = {part_sum} is more than {whole} = {whole_sum}."),
    "parts_flag": ("{parts} là Có nhưng {whole} là Không.", "{parts} is yes but {whole} is no."),
    "warn_parts": ("{parts} = {part_sum} lớn hơn {whole} = {whole_sum} (cảnh báo: thư có thể "
                   "gửi cho việc đăng ký ở nơi khác).",
                   "{parts} = {part_sum} is more than {whole} = {whole_sum} (a warning: a letter "
                   "can follow a registration made elsewhere)."),
    "date_order": ("{later} trước {earlier}.", "{later} is before {earlier}."),
    "total_mismatch": ("dòng tổng ghi {written} nhưng cộng các dòng trên được {summed}.",
                       "the total row says {written} but the rows above add up to {summed}."),
    "duplicate": ("{what} đã có ở dòng {first}.", "{what} is already in row {first}."),
    "duplicate_sheet": ("{what} đã có ở trang «{sheet}», dòng {first}.",
                        "{what} is already in sheet '{sheet}', row {first}."),
    "import_done": ("{file}: đã nhập (lần nhập #{id}): ghi {added} dòng, thay {replaced} dòng "
                    "cũ, {unchanged} dòng không đổi.",
                    "{file}: imported (import #{id}): {added} rows written, {replaced} old rows "
                    "replaced, {unchanged} unchanged."),
    "import_nothing_new": ("{file}: không có gì thay đổi; {unchanged} dòng đã có sẵn đúng như "
                           "vậy.", "{file}: nothing changed; all {unchanged} rows were already "
                           "stored as they are."),
    "import_nothing_new_same": ("{file}: không có gì thay đổi; tệp này đã được nhập (lần nhập "
                                "#{id}).", "{file}: nothing changed; this file was imported "
                                "before (import #{id})."),
    "no_such_import": ("không có lần nhập #{id}.", "there is no import #{id}."),
    "already_undone": ("lần nhập #{id} đã được hoàn tác.", "import #{id} was already undone."),
    "undo_later_first": ("không hoàn tác được lần nhập #{id}: lần nhập sau {later} đã thay số "
                         "liệu của nó hoặc dùng các xã nó thêm; hãy hoàn tác lần đó trước.",
                         "import #{id} cannot be undone: the later import {later} replaced its "
                         "rows or uses the communes it added; undo that one first."),
    "import_refused": ("{file}: không nhập — {count} lỗi; chưa ghi gì vào cơ sở dữ liệu.",
                       "{file}: refused — problems: {count}; nothing was written."),
    "import_checked": ("{file}: hợp lệ, {rows} dòng (chạy thử, chưa ghi).",
                       "{file}: good, {rows} rows (dry run, nothing written)."),
    "kind_units": ("Danh sách xã, phường, thị trấn", "Communes"),
    "kind_dossiers": ("Hồ sơ thủ tục hành chính theo tháng", "Dossiers by month"),
    "kind_dossier_records": ("Hồ sơ thủ tục hành chính — danh sách từng hồ sơ",
                             "Dossiers, one row each"),
    "kind_letters": ("Thư chúc mừng, chia buồn theo tháng", "Letters by month"),
    "kind_engagements": ("Tiếp công dân, đối thoại với Nhân dân", "Receptions and dialogues"),
    "kind_cadres": ("Trình độ đội ngũ cán bộ, công chức cấp xã", "Commune cadres"),
    "kind_satisfaction": ("Mức độ hài lòng của người dân theo tháng", "Satisfaction by month"),
    "problems": ("Lỗi, cảnh báo", "Problems"),
    "import_data": ("Nhập số liệu", "Import figures"),
    "templates": ("Mẫu nhập liệu (Excel)", "Templates (Excel)"),
    "templates_help": ("Mỗi loại số liệu một mẫu; ghi chú ở từng tiêu đề cột nói cần ghi gì.",
                       "One template per kind of figures; the note on each header says what "
                       "goes there."),
    "import_file": ("Tệp số liệu (Excel .xlsx, .xls; OpenDocument .ods; CSV; Biểu 06, 06a; "
                    "danh sách hồ sơ từ hệ thống một cửa)",
                    "File of figures (Excel .xlsx, .xls; OpenDocument .ods; CSV; forms 06, 06a; "
                    "dossier lists from the one-stop system)"),
    "import_kind": ("Loại số liệu", "Kind of figures"),
    "import_kind_auto": ("Tự nhận biết từ tiêu đề cột", "Tell from the headers"),
    "checking_file": ("Đang đọc và kiểm tra tệp…", "Reading and checking the file…"),
    "file_good": ("{file}: hợp lệ — {rows} dòng số liệu, loại {kinds}.",
                  "{file}: good — {rows} rows, kind {kinds}."),
    "file_refused": ("{file}: không nhập được — {count} lỗi. Sửa tệp rồi tải lên lại; chưa có "
                     "gì được ghi.", "{file}: cannot be imported — problems: {count}. Correct "
                     "the file and upload it again; nothing was written."),
    "confirm_import": ("Ghi vào cơ sở dữ liệu", "Write to the database"),
    "import_history": ("Lịch sử nhập", "Import history"),
    "last_import": ("Lần nhập gần nhất: #{id} {file}, lúc {at}, người nhập {by}.",
                    "Latest import: #{id} {file}, at {at}, by {by}."),
    "undo_choose": ("Lần nhập cần hoàn tác", "Import to undo"),
    "undo_button": ("Hoàn tác", "Undo"),
    "no_imports": ("Chưa có lần nhập nào.", "No imports yet."),
    "h_file": ("Tệp", "File"),
    "h_kind": ("Loại", "Kind"),
    "h_by": ("Người nhập", "By"),
    "h_at": ("Thời gian", "At"),
    "h_written": ("Ghi", "Written"),
    "h_replaced": ("Thay", "Replaced"),
    "h_undone": ("Hoàn tác lúc", "Undone at"),
    "undone": ("Đã hoàn tác lần nhập #{id}: xóa {removed} dòng, khôi phục {restored} dòng cũ.",
               "Import #{id} undone: {removed} rows removed, {restored} old rows put back."),
}

# d3-format locale for Vega charts in Vietnamese (vl_convert has no "vi-VN" built in).
VEGA_LOCALE = {
    "vi": {"decimal": ",", "thousands": ".", "grouping": [3], "currency": ["", " ₫"]},
    "en": {"decimal": ".", "thousands": ",", "grouping": [3], "currency": ["", " ₫"]},
}


def t(key: str, lang: str, **values) -> str:
    text = STRINGS[key][LANGS.index(lang)]
    return text.format(**values) if values else text


def number(value: float | None, lang: str, decimals: int = 0) -> str:
    """1234.5 -> "1.234,5" in Vietnamese, "1,234.5" in English; None -> "–"."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return t("no_data_short", lang)
    text = f"{value:,.{decimals}f}"
    if lang == "vi":
        text = text.replace(",", "\0").replace(".", ",").replace("\0", ".")
    return text


def value(indicator, amount: float | None, lang: str, unit: bool = True) -> str:
    """An indicator's value as a reader sees it: "98,2%", "1,9 ngày/tháng" ("1,9" without unit)."""
    if amount is None or (isinstance(amount, float) and math.isnan(amount)):
        return t("no_data_short", lang)
    if indicator.unit == "percent":
        return number(100 * amount, lang, 1) + "%"
    if not unit:
        return number(amount, lang, 1)
    return f"{number(amount, lang, 1)} {t(indicator.unit, lang)}"


def delta(indicator, amount: float | None, lang: str) -> str | None:
    """A change between periods, signed: "+1,2 điểm %", "-0,3 ngày/tháng"; unsigned when it
    rounds to nothing: "0,0 điểm %"."""
    if amount is None or (isinstance(amount, float) and math.isnan(amount)):
        return None
    percent = indicator.unit == "percent"
    size = number(abs(100 * amount if percent else amount), lang, 1)
    sign = "" if size == number(0, lang, 1) else "+" if amount > 0 else "-"
    return f"{sign}{size} {t('points', lang) if percent else t(indicator.unit, lang)}"


def capital(text: str) -> str:
    """The first letter upper case, the rest as written ("xã Tiêu Động" → "Xã Tiêu Động")."""
    return text[:1].upper() + text[1:]


def area(district: str, lang: str) -> str:
    """A former district's area in words, from its name: "Huyện Bình Lục" → "khu vực huyện
    Bình Lục cũ"."""
    return t("area_of", lang, name=district[:1].lower() + district[1:] if lang == "vi"
             else district)


def parent_total(level: str, lang: str) -> str:
    """ "Toàn huyện" / "Toàn tỉnh", following the configured parent unit."""
    return t("parent_total", lang, level=t(level, lang))


_ALPHABET = "aăâbcdđeêghiklmnoôơpqrstuưvxy"
_TONES = {"\u0300", "\u0301", "\u0303", "\u0309", "\u0323"}  # huyền sắc ngã hỏi nặng


@functools.cache  # a province's names recur in every indicator's rows
def sort_key(name: str) -> tuple:
    """Vietnamese alphabetical order: Đ after D, Ă and Â after A; tones only break ties."""
    letters, tones = [], []
    for char in unicodedata.normalize("NFD", name.lower()):
        if char in _TONES:
            tones.append(char)
        else:
            letters.append(char)
    base = unicodedata.normalize("NFC", "".join(letters))
    order = tuple(0 if c == " " else _ALPHABET.index(c) + 1 if c in _ALPHABET else ord(c) + 100
                  for c in base)  # a word ends before any letter: "Đồn Xá" < "Đồng Du"
    return order, tuple(tones)


def sorted_names(names) -> list[str]:
    return sorted(set(names), key=sort_key)
