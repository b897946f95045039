"""Demo documents for every demo site: believable văn bản with real PDF files.

Called by `manage.py load_demo` (DEMO_LOADERS) as load_demo_documents(site, stdout).
Idempotent: issuers, sectors and documents are looked up by name or number within the site,
and a document's files are made only when it is new. Dates follow today, numbers the year.
"""

from datetime import timedelta

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from . import paper
from .models import Attachment, Document, DocumentType, Issuer, Sector

SECTORS = ["Dân vận – Dân chủ cơ sở", "Đất đai – Xây dựng", "Y tế", "Tài chính – Ngân sách",
           "Tiếp công dân", "Giáo dục"]

# key, type, number pattern ({n}, {y}), issuer ("ubnd"/"hdnd"), sector, days ago, summary,
# body of the PDF, signer, replaced by (key), expires (days from issue)
DOCUMENTS = [
    ("qc-cu", DocumentType.QUYET_DINH, "{n}/QĐ-UBND", "ubnd", None, 700,
     "Ban hành Quy chế làm việc của Ủy ban nhân dân {xa} nhiệm kỳ 2021 – 2026",
     "Quy chế quy định nguyên tắc, chế độ trách nhiệm, lề lối làm việc, quan hệ công tác của "
     "Ủy ban nhân dân, Chủ tịch, các Phó Chủ tịch và các thành viên Ủy ban nhân dân.",
     "CHỦ TỊCH", "qc-moi", None),
    ("qc-moi", DocumentType.QUYET_DINH, "{n}/QĐ-UBND", "ubnd", None, 120,
     "Ban hành Quy chế làm việc của Ủy ban nhân dân {xa} sau khi sắp xếp đơn vị hành chính",
     "Quy chế này thay thế Quy chế làm việc ban hành trước đây, phù hợp với mô hình chính quyền "
     "địa phương hai cấp từ ngày 01/7/2025.", "CHỦ TỊCH", None, None),
    ("kh-dan-van", DocumentType.KE_HOACH, "{n}/KH-UBND", "ubnd", "Dân vận – Dân chủ cơ sở", 60,
     "Thực hiện công tác dân vận và Quy chế dân chủ ở cơ sở năm {y}",
     "Nâng cao hiệu quả công tác dân vận của chính quyền; nhân rộng mô hình “Dân vận khéo” gắn "
     "với xây dựng nông thôn mới nâng cao; bảo đảm người dân được biết, được bàn, được làm, "
     "được kiểm tra, giám sát.", "KT. CHỦ TỊCH\nPHÓ CHỦ TỊCH", None, None),
    ("tb-tiep-dan", DocumentType.THONG_BAO, "{n}/TB-UBND", "ubnd", "Tiếp công dân", 20,
     "Lịch tiếp công dân định kỳ của Chủ tịch Ủy ban nhân dân {xa}",
     "Chủ tịch Ủy ban nhân dân tiếp công dân định kỳ vào ngày thứ Năm của tuần thứ hai và tuần "
     "thứ tư hằng tháng tại Trụ sở Ủy ban nhân dân. Công dân mang theo giấy tờ tùy thân.",
     "CHỦ TỊCH", None, None),
    ("cv-sot-xuat-huyet", DocumentType.CONG_VAN, "{n}/UBND-VP", "ubnd", "Y tế", 35,
     "Về việc tăng cường phòng, chống dịch bệnh sốt xuất huyết trong mùa mưa",
     "Đề nghị Trạm Y tế, các ấp, khu phố tổ chức chiến dịch diệt lăng quăng, vệ sinh môi trường; "
     "tuyên truyền người dân đến cơ sở y tế khi có dấu hiệu sốt.", "KT. CHỦ TỊCH\nPHÓ CHỦ TỊCH",
     None, None),
    ("nq-du-toan", DocumentType.NGHI_QUYET, "{n}/NQ-HĐND", "hdnd", "Tài chính – Ngân sách", 15,
     "Về dự toán thu, chi ngân sách nhà nước năm {y1} của {xa}",
     "Hội đồng nhân dân quyết nghị dự toán thu ngân sách trên địa bàn, dự toán chi ngân sách "
     "và giao Ủy ban nhân dân tổ chức thực hiện.", "CHỦ TỊCH HĐND", None, None),
    ("ct-xay-dung", DocumentType.CHI_THI, "{n}/CT-UBND", "ubnd", "Đất đai – Xây dựng", 90,
     "Về tăng cường quản lý trật tự xây dựng trên địa bàn {xa}",
     "Yêu cầu các ấp, khu phố kiểm tra, phát hiện sớm công trình xây dựng không phép, sai phép; "
     "công khai thủ tục cấp giấy phép xây dựng tại bộ phận một cửa.", "CHỦ TỊCH", None, None),
    ("kh-he", DocumentType.KE_HOACH, "{n}/KH-UBND", "ubnd", "Giáo dục", 400,
     "Tổ chức hoạt động hè cho thiếu nhi năm {y0}",
     "Tổ chức sinh hoạt hè, dạy bơi, phòng chống đuối nước cho trẻ em trong dịp hè.",
     "KT. CHỦ TỊCH\nPHÓ CHỦ TỊCH", None, 120),
]


# Who signs, by the title on the document (fictional people).
SIGNERS = {
    "CHỦ TỊCH": ("Chủ tịch", "Nguyễn Văn Hòa"),
    "KT. CHỦ TỊCH\nPHÓ CHỦ TỊCH": ("Phó Chủ tịch", "Trần Thị Mỹ"),
    "CHỦ TỊCH HĐND": ("Chủ tịch HĐND", "Lê Văn Sáu"),
}


def _issuers(site):
    place = site.short_name
    ubnd, _ = Issuer.objects.get_or_create(site=site, name=site.agency or f"Ủy ban nhân dân {place}",
                                           defaults={"position": 0})
    council = "Hội đồng nhân dân tỉnh Tây Ninh" if site.is_portal else f"Hội đồng nhân dân {_level(site)} {place}"
    hdnd, _ = Issuer.objects.get_or_create(site=site, name=council, defaults={"position": 1})
    return {"ubnd": ubnd, "hdnd": hdnd}


def _level(site):
    return {"tinh": "tỉnh", "phuong": "phường"}.get(site.kind, "xã")


def load_demo_documents(site, stdout=None):
    """Documents, issuers and sectors for one demo site (idempotent)."""
    today = timezone.localdate()
    issuers = _issuers(site)
    sectors = {}
    for position, name in enumerate(SECTORS):
        sectors[name], _ = Sector.objects.get_or_create(site=site, name=name, defaults={"position": position})
    place = f"{_level(site)} {site.short_name}"
    made = {}
    for n, (key, doc_type, pattern, issuer, sector, days_ago, summary, body, signer, _replaced, expires) in enumerate(
        DOCUMENTS, start=1
    ):
        issued = today - timedelta(days=days_ago)
        number = pattern.format(n=10 + n * 7 + (3 if site.is_portal else 0), y=issued.year)
        text = summary.format(xa=place, y=issued.year, y1=issued.year + 1, y0=issued.year)
        document = Document.objects.filter(site=site, number=number, issued_on__year=issued.year).first()
        if document is None:
            document = Document.objects.create(
                site=site, doc_type=doc_type, number=number, issuer=issuers[issuer],
                sector=sectors.get(sector), summary=text, issued_on=issued,
                # Decisions and resolutions take effect some days after signing.
                effective_on=issued + timedelta(days=10 if doc_type in (DocumentType.NGHI_QUYET, DocumentType.QUYET_DINH) else 0),
                expires_on=issued + timedelta(days=expires) if expires else None,
                signer=" ".join(SIGNERS[signer]),
            )
            label = document.get_doc_type_display()
            if doc_type in (DocumentType.QUYET_DINH, DocumentType.NGHI_QUYET, DocumentType.CHI_THI):
                body = f"Căn cứ Luật Tổ chức chính quyền địa phương;\nCăn cứ tình hình thực tế tại địa phương.\n{body}"
            content = paper.pdf(
                f"{issuers[issuer].name.upper()}\n", f"Số: {number}",
                f"{site.short_name}, ngày {issued.day} tháng {issued.month} năm {issued.year}",
                f"{label.upper()}\n{text}", body, f"{signer}\n\n\n{SIGNERS[signer][1]}",
            )
            attachment = Attachment(document=document)
            attachment.attach(SimpleUploadedFile(f"{label} {number.replace('/', '-')}.pdf", content))
            attachment.save()
        made[key] = document
    for key, *_rest in DOCUMENTS:
        replaced = _rest[8]
        if replaced and made[key].replaced_by_id is None:
            made[key].replaced_by = made[replaced]
            made[key].save(update_fields=["replaced_by"])
    if stdout is not None:
        stdout.write(f"  {site.short_name}: {Document.objects.filter(site=site).count()} văn bản")
