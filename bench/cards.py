"""Synthetic Chinese ID card photos with known truth, for the local engine's tests and bench.

Real cards cannot go into a repository, so these are drawn: the real card's proportions
(85.6 x 54 mm) and layout, a CJK font, valid ID numbers that agree with birth date and
gender, multi-line addresses, then "photographed" the ways phones do it (perspective,
rotation, EXIF orientation, blur, noise, uneven light, HEIC, 12 MP on a cluttered desk).
Everything is derived from one integer seed, so a failing card can be regenerated.

Used by tests (`from bench.cards import make_card`) and by bench/local_engine.py.
"""

from __future__ import annotations

import io
import math
import random
import subprocess
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache
from pathlib import Path

from PIL import Image, ImageDraw, ImageFilter, ImageFont

try:
    from bench import photo_marks
except ImportError:  # run as a script: python bench/cards.py
    import photo_marks  # type: ignore[no-redef]
from pictotext_desktop import catalog
from pictotext_desktop.checks.cn_id import Validity, add_years, age_on, check_char, expected_years

CARD_MM = (85.6, 54.0)
FIELD_KEYS = catalog.field_keys("cn_id_card")
FRONT_KEYS = FIELD_KEYS[:6]
BACK_KEYS = FIELD_KEYS[6:]

VARIANTS = (
    "scan",  # flat scan with a small margin
    "phone",  # hand-held photo: slight angle and perspective, cluttered background
    "perspective",  # strong keystone
    "skew",  # rotated 8-15 degrees either way
    "rot90",
    "rot180",
    "rot270",
    "exif",  # pixels stored sideways, EXIF Orientation says how to show them
    "blur",
    "noise",
    "light",  # uneven light and a shadow
    "heic",
    "big",  # 4000 x 3000, card small-ish on a cluttered desk
)
# Harder than the targets ask for: where the engine's limits are (bench --stress).
STRESS_VARIANTS = (
    "blur3",  # Gaussian blur sigma 3
    "tiny",  # card 30 % of a 4000 x 3000 frame
    "skew20",  # 20 degrees
    "skew-perspective",  # 15 degrees and strong keystone
    "noise25",  # sigma 25 noise
)

# Real GB/T 2260 codes with their names, and the authority that issues cards there.
_REGIONS = (
    ("110105", "北京市", "", "朝阳区"),
    ("110108", "北京市", "", "海淀区"),
    ("310104", "上海市", "", "徐汇区"),
    ("310115", "上海市", "", "浦东新区"),
    ("440106", "广东省", "广州市", "天河区"),
    ("440305", "广东省", "深圳市", "南山区"),
    ("330106", "浙江省", "杭州市", "西湖区"),
    ("320102", "江苏省", "南京市", "玄武区"),
    ("510107", "四川省", "成都市", "武侯区"),
    ("420106", "湖北省", "武汉市", "武昌区"),
    ("610113", "陕西省", "西安市", "雁塔区"),
    ("370202", "山东省", "青岛市", "市南区"),
    ("650102", "新疆维吾尔自治区", "乌鲁木齐市", "天山区"),
    ("530102", "云南省", "昆明市", "五华区"),
    ("430102", "湖南省", "长沙市", "芙蓉区"),
    ("210102", "辽宁省", "沈阳市", "和平区"),
    ("522601", "贵州省", "黔东南苗族侗族自治州", "凯里市"),
    ("150102", "内蒙古自治区", "呼和浩特市", "新城区"),
)
_SURNAMES = (
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡余"
    "杜叶程魏苏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙"
    "史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤"
)
_COMPOUND_SURNAMES = ("欧阳", "司马", "诸葛", "上官", "慕容")
_GIVEN = (
    "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰萍鹏辉红建波宁国庆志文斌"
    "俊浩宇轩子涵欣怡梓晨雨思佳嘉琪博睿晓海燕丹慧颖婷鑫凯瑞晶雪琳倩云飞彬龙春梅"
)
# Ethnic groups with rough weights (Han is the large majority).
_ETHNICITIES = (
    ("汉", 70),
    ("回", 3),
    ("满", 3),
    ("壮", 3),
    ("苗", 2),
    ("维吾尔", 3),
    ("土家", 2),
    ("蒙古", 2),
    ("藏", 2),
    ("朝鲜", 2),
    ("彝", 1),
    ("侗", 1),
    ("布依", 1),
    ("哈萨克", 1),
    ("柯尔克孜", 1),
    ("达斡尔", 1),
)
_STREETS = (
    "建设路",
    "人民路",
    "中山大道",
    "解放西路",
    "幸福街",
    "光明里",
    "长江中路",
    "和平大街",
    "新华东路",
    "学府路",
    "文化路",
    "东风街道胜利社区",
    "青年路",
    "滨江大道",
)
_ESTATES = ("花园小区", "阳光新城", "锦绣家园", "金色港湾", "翠湖苑", "世纪城", "")

_LABEL_BLUE = (58, 110, 165)
_INK = (20, 20, 24)


# --------------------------------------------------------------------------------------
# Identities
# --------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Identity:
    """Everything printed on one card (both sides)."""

    name: str
    gender: str
    ethnicity: str
    birth: date
    address: str
    id_number: str
    authority: str
    valid_from: date
    valid_to: date | None  # None = 长期

    @property
    def validity(self) -> str:
        return Validity(self.valid_from, self.valid_to).format()

    def fields(self, side: str) -> dict[str, str | None]:
        """What the API would return for this side: the other side's fields are None."""
        values: dict[str, str | None] = {
            "name": self.name,
            "gender": self.gender,
            "ethnicity": self.ethnicity,
            "dateOfBirth": self.birth.isoformat(),
            "address": self.address,
            "idNumber": self.id_number,
            "issuingAuthority": self.authority,
            "validityPeriod": self.validity,
        }
        keep = FRONT_KEYS if side == "front" else BACK_KEYS
        return {k: (values[k] if k in keep else None) for k in FIELD_KEYS}


def random_identity(rng: random.Random) -> Identity:
    code, province, city, district = rng.choice(_REGIONS)
    ethnicity = rng.choices([e for e, _ in _ETHNICITIES], [w for _, w in _ETHNICITIES])[0]
    gender = rng.choice("男女")
    compound = rng.random() < 0.08
    surname = rng.choice(_COMPOUND_SURNAMES) if compound else rng.choice(_SURNAMES)
    given = "".join(rng.choice(_GIVEN) for _ in range(rng.choice((1, 2, 2, 2))))
    name = surname + given
    birth = date(1950, 1, 1) + timedelta(days=rng.randrange(0, 365 * 56))

    street = rng.choice(_STREETS)
    number = rng.randrange(1, 999)
    tail = rng.choice(
        (
            f"{number}号",
            f"{number}号{rng.choice(_ESTATES)}{rng.randrange(1, 30)}栋{rng.randrange(1, 6)}单元"
            f"{rng.randrange(1, 30)}0{rng.randrange(1, 5)}室",
            f"{number}号{rng.randrange(1, 20)}幢{rng.randrange(101, 2505)}室",
        )
    )
    address = f"{province}{city}{district}{street}{tail}"
    if len(address) > 33:  # the card has room for three lines of 11 characters
        address = f"{province}{city}{district}{street}{number}号"

    seq = rng.randrange(0, 100)
    gender_digit = rng.choice("13579" if gender == "男" else "02468")
    first17 = f"{code}{birth.strftime('%Y%m%d')}{seq:02d}{gender_digit}"
    id_number = first17 + check_char(first17)

    town = city or province
    short = district[:-1] if district.endswith(("区", "市")) else district
    short = short.removesuffix("新")
    authority = f"{town}公安局{short}分局" if not district.endswith("市") else f"{district}公安局"

    issue_age = rng.randrange(16, 70)
    issued = add_years(birth, min(issue_age, 2024 - birth.year))
    issued += timedelta(days=rng.randrange(0, 200))
    # The legal length for the completed age at issue, as the checks expect it.
    years = expected_years(age_on(birth, issued))
    valid_to = add_years(issued, years) if years is not None else None
    return Identity(name, gender, ethnicity, birth, address, id_number, authority, issued, valid_to)


# --------------------------------------------------------------------------------------
# Drawing the card
# --------------------------------------------------------------------------------------
@lru_cache(maxsize=1)
def cjk_font_path() -> tuple[str, int]:
    """Noto Sans CJK SC (Debian's fonts-noto-cjk), found with fc-list, as (file, index)."""
    try:
        out = subprocess.run(
            ["fc-list", "-f", "%{file}|%{index}|%{family[0]}\n", ":lang=zh"],
            capture_output=True,
            text=True,
            check=False,
        ).stdout
    except OSError:
        out = ""
    candidates = [line.split("|") for line in out.splitlines() if line.count("|") == 2]
    for want in ("Noto Sans CJK SC", "Noto Serif CJK SC", "CJK SC", ""):
        for file, index, family in candidates:
            if want in family:
                return file, int(index or 0)
    fallback = Path("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc")
    if fallback.exists():
        return str(fallback), 2
    raise RuntimeError("no CJK font found: install fonts-noto-cjk")


@lru_cache(maxsize=64)
def _font(px: int, bold: bool = False) -> ImageFont.FreeTypeFont:
    file, index = cjk_font_path()
    if bold:
        bold_file = file.replace("Regular", "Bold")
        if Path(bold_file).exists():
            file = bold_file
    return ImageFont.truetype(file, px, index=index)


def _text(
    draw: ImageDraw.ImageDraw,
    xy_mm: tuple[float, float],
    text: str,
    size_mm: float,
    ppm: float,
    fill: tuple[int, int, int],
    spacing_mm: float = 0.0,
    bold: bool = False,
) -> float:
    """Draw `text` with its top-left at xy (mm); returns the x (mm) where it ends."""
    font = _font(max(6, round(size_mm * ppm)), bold)
    x, y = xy_mm
    if spacing_mm == 0.0:
        draw.text((x * ppm, y * ppm), text, font=font, fill=fill)
        return x + draw.textlength(text, font=font) / ppm
    for ch in text:
        draw.text((x * ppm, y * ppm), ch, font=font, fill=fill)
        x += draw.textlength(ch, font=font) / ppm + spacing_mm
    return x


def _wrap(text: str, per_line: int) -> list[str]:
    return [text[i : i + per_line] for i in range(0, len(text), per_line)]


def _background(rng: random.Random, ppm: float) -> Image.Image:
    w, h = round(CARD_MM[0] * ppm), round(CARD_MM[1] * ppm)
    img = Image.new("RGB", (w, h), (236, 238, 232))
    draw = ImageDraw.Draw(img)
    # A faint guilloche of sine waves, like the card's security print.
    phase = rng.random() * math.tau
    for k in range(0, h, max(2, round(1.6 * ppm))):
        pts = [
            (x, k + math.sin(x / (6 * ppm) + phase + k / 40) * 1.2 * ppm)
            for x in range(0, w, max(2, w // 120))
        ]
        draw.line(pts, fill=(222, 226, 218), width=1)
    return img


def _round_corners(img: Image.Image, radius: int) -> Image.Image:
    mask = Image.new("L", img.size, 0)
    ImageDraw.Draw(mask).rounded_rectangle((0, 0, img.size[0] - 1, img.size[1] - 1), radius, 255)
    out = img.convert("RGBA")
    out.putalpha(mask)
    return out


def render_card(
    identity: Identity, side: str, rng: random.Random, ppm: float = 12.0
) -> Image.Image:
    """The card itself, flat, as RGBA with rounded corners (transparent outside)."""
    img = _background(rng, ppm)
    draw = ImageDraw.Draw(img)
    if side == "front":
        label, value = 2.6, 3.1
        _text(draw, (5.5, 7.0), "姓名", label, ppm, _LABEL_BLUE, 0.8)
        _text(draw, (15.5, 6.5), identity.name, 3.6, ppm, _INK, 0.2, bold=True)
        _text(draw, (5.5, 13.5), "性别", label, ppm, _LABEL_BLUE, 0.8)
        _text(draw, (15.5, 13.0), identity.gender, value, ppm, _INK)
        _text(draw, (24.5, 13.5), "民族", label, ppm, _LABEL_BLUE, 0.8)
        _text(draw, (33.5, 13.0), identity.ethnicity, value, ppm, _INK)
        _text(draw, (5.5, 20.0), "出生", label, ppm, _LABEL_BLUE, 0.8)
        b = identity.birth
        x = _text(draw, (15.5, 19.5), f"{b.year}", value, ppm, _INK)
        x = _text(draw, (x + 0.8, 20.0), "年", label, ppm, _LABEL_BLUE)
        x = _text(draw, (x + 1.2, 19.5), f"{b.month}", value, ppm, _INK)
        x = _text(draw, (x + 0.8, 20.0), "月", label, ppm, _LABEL_BLUE)
        x = _text(draw, (x + 1.2, 19.5), f"{b.day}", value, ppm, _INK)
        _text(draw, (x + 0.8, 20.0), "日", label, ppm, _LABEL_BLUE)
        _text(draw, (5.5, 26.5), "住址", label, ppm, _LABEL_BLUE, 0.8)
        for i, line in enumerate(_wrap(identity.address, 11)[:3]):
            _text(draw, (15.5, 26.0 + i * 4.6), line, value, ppm, _INK, 0.05)
        _text(draw, (5.5, 45.5), "公民身份号码", label, ppm, _LABEL_BLUE, 0.3)
        _text(draw, (27.5, 44.8), identity.id_number, 3.4, ppm, _INK, 0.45, bold=True)
        # Photo box: a grey head and shoulders, clipped to the box.
        bw, bh = round(24.0 * ppm), round(32.0 * ppm)
        photo = Image.new("RGB", (bw, bh), (212, 216, 220))
        pd = ImageDraw.Draw(photo)
        cx = bw / 2
        pd.ellipse((cx - 5 * ppm, 6 * ppm, cx + 5 * ppm, 18 * ppm), fill=(150, 150, 155))
        pd.ellipse((cx - 11 * ppm, 19 * ppm, cx + 11 * ppm, bh + 12 * ppm), fill=(90, 90, 100))
        img.paste(photo, (round(56.0 * ppm), round(6.0 * ppm)))
    else:
        # National emblem stand-in: red disc, yellow star.
        cx, cy, r = 13.0 * ppm, 13.0 * ppm, 8.0 * ppm
        draw.ellipse((cx - r, cy - r, cx + r, cy + r), fill=(200, 30, 30))
        star = [
            (
                cx + (r * 0.6 if i % 2 == 0 else r * 0.25) * math.sin(i * math.pi / 5),
                cy - (r * 0.6 if i % 2 == 0 else r * 0.25) * math.cos(i * math.pi / 5),
            )
            for i in range(10)
        ]
        draw.polygon(star, fill=(250, 210, 40))
        _text(draw, (28.0, 6.0), "中华人民共和国", 4.6, ppm, _INK, 1.2, bold=True)
        _text(draw, (28.0, 15.0), "居民身份证", 7.0, ppm, _INK, 1.6, bold=True)
        _text(draw, (14.0, 40.5), "签发机关", 2.6, ppm, _INK, 0.3)
        _text(draw, (30.0, 40.0), identity.authority, 3.1, ppm, _INK)
        _text(draw, (14.0, 47.0), "有效期限", 2.6, ppm, _INK, 0.3)
        _text(draw, (30.0, 46.5), identity.validity, 3.1, ppm, _INK, 0.1)
    return _round_corners(img, round(3.2 * ppm))


# --------------------------------------------------------------------------------------
# Photographing it
# --------------------------------------------------------------------------------------
def _clutter(size: tuple[int, int], rng: random.Random) -> Image.Image:
    """A desk: a colour gradient, objects, lines and some Latin print."""
    w, h = size
    base = tuple(rng.randrange(60, 200) for _ in range(3))
    img = Image.new("RGB", size, base)
    draw = ImageDraw.Draw(img)
    for _ in range(rng.randrange(6, 14)):
        color = tuple(rng.randrange(0, 256) for _ in range(3))
        x0, y0 = rng.randrange(-w // 4, w), rng.randrange(-h // 4, h)
        x1, y1 = x0 + rng.randrange(w // 10, w // 2), y0 + rng.randrange(h // 10, h // 2)
        if rng.random() < 0.5:
            draw.rectangle((x0, y0, x1, y1), fill=color)
        else:
            draw.ellipse((x0, y0, x1, y1), fill=color)
    for _ in range(rng.randrange(3, 8)):
        color = tuple(rng.randrange(0, 256) for _ in range(3))
        draw.line(
            [(rng.randrange(w), rng.randrange(h)), (rng.randrange(w), rng.randrange(h))],
            fill=color,
            width=rng.randrange(2, max(3, w // 200)),
        )
    font = ImageFont.load_default(size=max(12, h // 40))
    for word in ("RECEIPT", "Total 42.00", "Meeting 10:30", "NOTE"):
        if rng.random() < 0.5:
            draw.text((rng.randrange(w), rng.randrange(h)), word, fill=(30, 30, 30), font=font)
    return img.filter(ImageFilter.GaussianBlur(2))


def _place(
    card: Image.Image,
    canvas: Image.Image,
    rng: random.Random,
    width_frac: float,
    angle_deg: float,
    keystone: float,
) -> Image.Image:
    """Warp the card onto the canvas: scale, rotate, keystone (perspective), random place."""
    import cv2
    import numpy as np

    cw, ch = card.size
    W, H = canvas.size
    target_w = W * width_frac
    s = target_w / cw
    a = math.radians(angle_deg)
    pts = []
    for x, y in ((0, 0), (cw, 0), (cw, ch), (0, ch)):
        dx, dy = (x - cw / 2) * s, (y - ch / 2) * s
        pts.append((dx * math.cos(a) - dy * math.sin(a), dx * math.sin(a) + dy * math.cos(a)))
    # Keystone: pull corners inward by a random share of the card size.
    jitter = [
        (rng.uniform(-keystone, keystone) * target_w, rng.uniform(-keystone, keystone) * target_w)
        for _ in range(4)
    ]
    pts = [(x + jx, y + jy) for (x, y), (jx, jy) in zip(pts, jitter, strict=True)]
    xs, ys = [p[0] for p in pts], [p[1] for p in pts]
    span_x, span_y = max(xs) - min(xs), max(ys) - min(ys)
    cx = rng.uniform(span_x / 2 + 4, max(span_x / 2 + 5, W - span_x / 2 - 4))
    cy = rng.uniform(span_y / 2 + 4, max(span_y / 2 + 5, H - span_y / 2 - 4))
    dst = np.array([(x + cx, y + cy) for x, y in pts], dtype=np.float32)
    src = np.array([(0, 0), (cw, 0), (cw, ch), (0, ch)], dtype=np.float32)
    m = cv2.getPerspectiveTransform(src, dst)
    rgba = np.asarray(card)
    warped = cv2.warpPerspective(rgba, m, (W, H), flags=cv2.INTER_AREA)
    alpha = warped[:, :, 3:4].astype(np.float32) / 255.0
    base = np.asarray(canvas).astype(np.float32)
    out = base * (1 - alpha) + warped[:, :, :3].astype(np.float32) * alpha
    return Image.fromarray(out.clip(0, 255).astype(np.uint8))


def _uneven_light(img: Image.Image, rng: random.Random) -> Image.Image:
    import numpy as np

    w, h = img.size
    yy, xx = np.mgrid[0:h, 0:w].astype(np.float32)
    gx, gy = rng.uniform(-1, 1), rng.uniform(-1, 1)
    ramp = 1.0 + 0.35 * (gx * (xx / w - 0.5) + gy * (yy / h - 0.5))
    shadow = np.where(xx > w * rng.uniform(0.55, 0.8), 0.72, 1.0)
    arr = np.asarray(img).astype(np.float32) * (ramp * shadow)[:, :, None]
    return Image.fromarray(arr.clip(0, 255).astype(np.uint8))


def _noise(img: Image.Image, rng: random.Random, sigma: float) -> Image.Image:
    import numpy as np

    gen = np.random.default_rng(rng.randrange(2**32))
    arr = np.asarray(img).astype(np.float32) + gen.normal(0, sigma, (img.size[1], img.size[0], 1))
    return Image.fromarray(arr.clip(0, 255).astype(np.uint8))


def _jpeg(img: Image.Image, quality: int = 88, exif_orientation: int | None = None) -> bytes:
    buf = io.BytesIO()
    if exif_orientation is None:
        img.save(buf, "JPEG", quality=quality)
    else:
        exif = Image.Exif()
        exif[0x0112] = exif_orientation
        img.save(buf, "JPEG", quality=quality, exif=exif.tobytes())
    return buf.getvalue()


def photograph(card: Image.Image, variant: str, rng: random.Random) -> tuple[bytes, str]:
    """Turn a flat card into the file a person would add: (bytes, file name suffix)."""
    if variant not in VARIANTS + STRESS_VARIANTS:
        raise ValueError(f"unknown variant {variant!r}; choose from {', '.join(VARIANTS)}")
    if variant == "scan":
        canvas = Image.new("RGB", (card.size[0] + 60, card.size[1] + 60), (250, 250, 250))
        canvas.paste(card, (30, 30), card)
        return _jpeg(canvas, 92), ".jpg"

    size = (4000, 3000) if variant in ("big", "tiny") else (1600, 1200)
    canvas = _clutter(size, rng)
    width_frac = rng.uniform(0.45, 0.6) if variant == "big" else rng.uniform(0.62, 0.8)
    angle = rng.uniform(-4, 4)
    keystone = 0.02
    if variant == "tiny":
        width_frac = 0.3
    elif variant in ("skew20", "skew-perspective"):
        angle = rng.choice((-1, 1)) * (20 if variant == "skew20" else 15)
        keystone = 0.06 if variant == "skew-perspective" else 0.02
        width_frac = 0.6
    elif variant == "skew":
        angle = rng.choice((-1, 1)) * rng.uniform(8, 15)
        width_frac = min(width_frac, 0.7)
    elif variant == "perspective":
        keystone = 0.07
        width_frac = min(width_frac, 0.7)
    photo = _place(card, canvas, rng, width_frac, angle, keystone)

    if variant == "blur":
        photo = photo.filter(ImageFilter.GaussianBlur(rng.uniform(1.6, 2.2)))
    elif variant == "blur3":
        photo = photo.filter(ImageFilter.GaussianBlur(3.0))
    elif variant in ("noise", "noise25"):
        photo = _noise(photo, rng, 14.0 if variant == "noise" else 25.0)
        return _jpeg(photo, 60), ".jpg"
    elif variant == "light":
        photo = _uneven_light(photo, rng)
    elif variant in ("rot90", "rot180", "rot270"):
        # The phone saved the pixels turned and no EXIF tag says so: the card lies sideways.
        photo = photo.rotate(-int(variant[3:]), expand=True)
    elif variant == "exif":
        # Pixels stored turned; the Orientation tag tells viewers how to show them upright.
        orientation = rng.choice((3, 6, 8))
        stored = {
            3: photo.transpose(Image.Transpose.ROTATE_180),
            6: photo.transpose(Image.Transpose.ROTATE_90),  # shown after 90 deg clockwise
            8: photo.transpose(Image.Transpose.ROTATE_270),
        }[orientation]
        return _jpeg(stored, 90, exif_orientation=orientation), ".jpg"
    elif variant == "heic":
        import pillow_heif

        small = photo.resize((1280, 960), Image.Resampling.LANCZOS)
        heif = pillow_heif.from_pillow(small)
        buf = io.BytesIO()
        heif.save(buf, quality=70)
        return buf.getvalue(), ".heic"
    return _jpeg(photo, 88), ".jpg"


@dataclass(frozen=True)
class GeneratedCard:
    """One synthetic photo and what is printed on it."""

    seed: int
    side: str
    variant: str
    identity: Identity
    data: bytes
    filename: str

    @property
    def expected(self) -> dict[str, str | None]:
        return self.identity.fields(self.side)


def make_card(seed: int, side: str = "front", variant: str = "scan") -> GeneratedCard:
    """One deterministic card photo: same seed, side and variant give the same bytes."""
    if side not in ("front", "back"):
        raise ValueError("side must be 'front' or 'back'")
    rng = random.Random(f"{seed}-{side}-{variant}")
    identity = random_identity(random.Random(seed))
    card = render_card(identity, side, rng)
    data, suffix = photograph(card, variant, rng)
    return GeneratedCard(
        seed, side, variant, identity, data, f"card-{seed}-{side}-{variant}{suffix}"
    )


def mixed_set(
    count: int = 60, seed: int = 2026, variants: tuple[str, ...] = VARIANTS
) -> list[GeneratedCard]:
    """`count` cards cycling through `variants`, fronts and backs alternating."""
    cards = []
    for i in range(count):
        variant = variants[i % len(variants)]
        side = "front" if (i // len(variants) + i) % 2 == 0 else "back"
        cards.append(make_card(seed * 1000 + i, side, variant))
    return cards


# --------------------------------------------------------------------------------------
# Photos as people take them: cards on textures, corners known (bench/detect.py, tests)
# --------------------------------------------------------------------------------------
PHOTO_DISTORTIONS = (
    "plain",  # a card on a table, nearly square on
    "tilt",  # turned up to 30 degrees in plane
    "perspective",  # 15-25 degrees out of plane
    "orient",  # lying sideways or upside down (90/180/270) plus up to 8 degrees
    "glare",  # a saturated highlight over part of the card
    "blur",  # out of focus (Gaussian, 0.08-0.15 % of the frame width)
    "thumb",  # a thumb over one edge
    "small",  # card 20-28 % of the frame width
    "large",  # card 75-90 % of the frame width
    "exif",  # pixels stored turned, EXIF Orientation says how to show them
    "two",  # two cards side by side (a front and a back, or two people's cards)
    "scan",  # a flatbed scan: card on white
)
EXTRA_DISTORTIONS = (
    "cutoff",  # part of the card outside the frame
    "none",  # no card at all
)
TEXTURES = ("wood", "fabric", "paper", "keyboard")


@dataclass(frozen=True)
class PhotoCard:
    """One card in a generated photo, with where it lies (as the photo is shown)."""

    side: str
    identity: Identity
    corners: tuple[tuple[float, float], ...]  # the card's own TL, TR, BR, BL
    turn: int  # 0/90/180/270: how far the card's text is turned clockwise
    shape: str  # "ID-1"

    @property
    def expected(self) -> dict[str, str | None]:
        return self.identity.fields(self.side)


@dataclass(frozen=True)
class GeneratedPhoto:
    """One synthetic photo: JPEG bytes and the truth about every card in it."""

    seed: int
    distortion: str
    texture: str
    data: bytes
    size: tuple[int, int]  # as shown (after EXIF)
    cards: tuple[PhotoCard, ...]
    cut_off: bool = False

    @property
    def filename(self) -> str:
        return f"photo-{self.seed}-{self.distortion}-{self.texture}.jpg"

    def image(self) -> Image.Image:
        """The photo as a viewer shows it (EXIF orientation applied), RGB."""
        from PIL import ImageOps

        img = Image.open(io.BytesIO(self.data))
        return ImageOps.exif_transpose(img).convert("RGB")


def _texture(kind: str, size: tuple[int, int], rng: random.Random) -> Image.Image:
    """A procedurally drawn surface, drawn at half size and scaled up (as a lens would)."""
    import numpy as np

    w, h = size[0] // 2, size[1] // 2
    gen = np.random.default_rng(rng.randrange(2**32))
    yy, xx = np.mgrid[0:h, 0:w].astype(np.float32)
    if kind == "wood":
        a = math.radians(rng.uniform(-20, 20))
        u = xx * math.cos(a) + yy * math.sin(a)
        v = -xx * math.sin(a) + yy * math.cos(a)
        warp = 18 * np.sin(u / (w / 3.1) + rng.random() * 6) + 7 * np.sin(u / (w / 11.0))
        period = w / rng.uniform(40, 80)
        grain = 0.5 + 0.5 * np.sin((v + warp) / period * math.tau)
        grain = grain ** 3 + 0.15 * gen.standard_normal((h, w)).astype(np.float32)
        light = np.array([rng.uniform(150, 200), rng.uniform(100, 140), rng.uniform(60, 90)])
        dark = light * rng.uniform(0.55, 0.7)
        arr = light * (1 - 0.6 * grain[..., None]) + dark * 0.6 * grain[..., None]
        plank = w / rng.uniform(2.5, 4.5)
        seams = (np.abs(((v + plank / 2) % plank) - plank / 2) < 1.2)
        arr[seams] *= 0.45
    elif kind == "fabric":
        p = w / rng.uniform(120, 220)
        weave = np.sin(xx / p * math.pi) * np.sin(yy / p * math.pi)
        base = np.array([rng.uniform(30, 200) for _ in range(3)])
        arr = base * (0.85 + 0.15 * weave[..., None])
        if rng.random() < 0.5:  # checks
            q = w / rng.uniform(8, 16)
            stripes = ((xx // q) % 2 + (yy // q) % 2)[..., None]
            arr = arr * (0.75 + 0.15 * stripes)
        arr = arr + gen.normal(0, 6, (h, w, 1))
    elif kind == "paper":
        base = rng.uniform(215, 248)
        arr = np.full((h, w, 3), base, dtype=np.float32)
        arr = arr + gen.normal(0, 3, (h, w, 1))
        img = Image.fromarray(arr.clip(0, 255).astype(np.uint8))
        draw = ImageDraw.Draw(img)
        step = max(8, h // rng.randrange(25, 45))
        x0 = rng.randrange(w // 10, w // 4)
        for y in range(rng.randrange(h // 12), h, step):  # printed lines of a letter
            if rng.random() < 0.8:
                x1 = x0 + rng.randrange(w // 3, w - x0)
                draw.line([(x0, y), (x1, y)], fill=(90, 90, 100), width=max(1, step // 6))
        arr = np.asarray(img).astype(np.float32)
    else:  # keyboard
        # Drawn larger than the frame and cut after turning: no edge of the drawing shows.
        full_w, full_h = w, h
        w, h = round(w * 1.5), round(h * 1.5)
        arr = np.full((h, w, 3), rng.uniform(25, 50), dtype=np.float32)
        img = Image.fromarray(arr.astype(np.uint8))
        draw = ImageDraw.Draw(img)
        pitch = w / rng.uniform(12, 20)
        key = rng.uniform(55, 95)
        font = ImageFont.load_default(size=max(8, int(pitch / 3)))
        a = rng.uniform(-12, 12)
        for row in range(-2, int(h / pitch) + 3):
            shift = (row % 3) * pitch / 4
            for col in range(-2, int(w / pitch) + 3):
                x, y = col * pitch + shift, row * pitch
                draw.rounded_rectangle(
                    (x + pitch * 0.08, y + pitch * 0.08, x + pitch * 0.92, y + pitch * 0.92),
                    radius=pitch * 0.12, fill=(round(key),) * 3,
                )
                draw.text((x + pitch * 0.3, y + pitch * 0.25), chr(65 + (row * 7 + col) % 26),
                          fill=(220, 220, 220), font=font)
        img = img.rotate(a, resample=Image.Resampling.BILINEAR, fillcolor=(30, 30, 30))
        left, top = (w - full_w) // 2, (h - full_h) // 2
        img = img.crop((left, top, left + full_w, top + full_h))
        arr = np.asarray(img).astype(np.float32)
    out = Image.fromarray(np.asarray(arr).clip(0, 255).astype(np.uint8))
    return out.resize(size, Image.Resampling.BILINEAR)


def _project(
    card_mm: tuple[float, float], frame: tuple[int, int], centre: tuple[float, float],
    px_per_mm: float, roll: float, yaw: float, pitch: float,
) -> list[tuple[float, float]]:
    """The card's TL, TR, BR, BL through a pin-hole camera (principal point at the centre)."""
    import numpy as np

    W, H = frame
    f = 1.1 * max(W, H)
    depth = f / px_per_mm
    cw, ch = card_mm
    pts = np.array([(-cw / 2, -ch / 2, 0), (cw / 2, -ch / 2, 0), (cw / 2, ch / 2, 0),
                    (-cw / 2, ch / 2, 0)], dtype=np.float64)
    r, y, p = (math.radians(v) for v in (roll, yaw, pitch))
    rz = np.array([[math.cos(r), -math.sin(r), 0], [math.sin(r), math.cos(r), 0], [0, 0, 1]])
    ry = np.array([[math.cos(y), 0, math.sin(y)], [0, 1, 0], [-math.sin(y), 0, math.cos(y)]])
    rx = np.array([[1, 0, 0], [0, math.cos(p), -math.sin(p)], [0, math.sin(p), math.cos(p)]])
    world = pts @ (rx @ ry @ rz).T
    tx = (centre[0] - W / 2) * depth / f
    ty = (centre[1] - H / 2) * depth / f
    world = world + np.array([tx, ty, depth])
    return [(f * X / Z + W / 2, f * Y / Z + H / 2) for X, Y, Z in world]


def _composite(
    canvas: Image.Image, card: Image.Image, corners: list[tuple[float, float]], shadow: bool
) -> Image.Image:
    """Warp the RGBA card onto the canvas at `corners` (with a faint contact shadow)."""
    import cv2
    import numpy as np

    W, H = canvas.size
    cw, ch = card.size
    src = np.array([(0, 0), (cw, 0), (cw, ch), (0, ch)], dtype=np.float32)
    m = cv2.getPerspectiveTransform(src, np.array(corners, dtype=np.float32))
    warped = cv2.warpPerspective(np.asarray(card), m, (W, H), flags=cv2.INTER_LINEAR)
    alpha = warped[:, :, 3:4].astype(np.float32) / 255.0
    base = np.asarray(canvas).astype(np.float32)
    if shadow:
        s = Image.fromarray(warped[:, :, 3]).filter(ImageFilter.GaussianBlur(max(2, W // 800)))
        sh = np.asarray(s).astype(np.float32)[:, :, None] / 255.0
        off = max(1, W // 1000)
        sh = np.roll(sh, (off, off), axis=(0, 1))
        base = base * (1 - 0.35 * sh)
    out = base * (1 - alpha) + warped[:, :, :3].astype(np.float32) * alpha
    return Image.fromarray(out.clip(0, 255).astype(np.uint8))


def _fits(corners: list[tuple[float, float]], frame: tuple[int, int], margin: float) -> bool:
    return all(margin <= x <= frame[0] - margin and margin <= y <= frame[1] - margin
               for x, y in corners)


def make_photo(
    seed: int, distortion: str = "plain", size: tuple[int, int] = (4000, 3000),
    texture: str | None = None, share: tuple[float, float] | None = None, thumb: int = 1,
) -> GeneratedPhoto:
    """One deterministic photo of 0-2 cards on a surface; same arguments, same bytes.

    `share`: the card's width as a fraction of the frame's, drawn from this range instead
    of the distortion's own (not for small, large, two or scan, which are about size);
    drawn from a generator of its own, so photos without it are the same bytes as before.
    `thumb`: the thumb's recipe (bench/photo_marks.py; 2 grips the card at its edge).
    """
    import numpy as np

    if distortion not in PHOTO_DISTORTIONS + EXTRA_DISTORTIONS:
        raise ValueError(f"unknown distortion {distortion!r}")
    rng = random.Random(f"photo-{seed}-{distortion}-{size}")
    texture = texture or rng.choice(TEXTURES)
    W, H = size
    if distortion == "scan":
        W, H = (round(H * 0.707), H) if H > W else (round(W * 0.707), W)  # A4, portrait
        canvas = Image.fromarray(
            (np.full((H, W, 3), 250.0) + np.random.default_rng(seed).normal(0, 1.5, (H, W, 1)))
            .clip(0, 255).astype(np.uint8))
        texture = "flatbed"
    else:
        canvas = _texture(texture, (W, H), rng)
    frame = (W, H)
    identity = random_identity(random.Random(seed))
    n_cards = 0 if distortion == "none" else 2 if distortion == "two" else 1
    sides = ["front", "back"] if n_cards == 2 else [rng.choice(("front", "back"))]
    if n_cards == 2 and rng.random() < 0.3:
        sides = ["front", "front"]
    cards: list[PhotoCard] = []
    placed: list[list[tuple[float, float]]] = []
    cut = False
    for k in range(n_cards):
        ident = identity if sides[k] != sides[0] or k == 0 else random_identity(
            random.Random(seed + 7919))
        orient = rng.choice((90, 180, 270)) if distortion == "orient" else 0
        roll = rng.uniform(-30, 30) if distortion == "tilt" else (
            rng.uniform(-8, 8) if distortion == "orient" else rng.uniform(-6, 6))
        out_of_plane = 25 if distortion == "perspective" else 8
        yaw = rng.uniform(-out_of_plane, out_of_plane)
        pitch = rng.uniform(-out_of_plane, out_of_plane)
        if distortion == "perspective":
            big = rng.choice((0, 1))
            val = rng.choice((-1, 1)) * rng.uniform(15, 25)
            yaw, pitch = (val, pitch) if big else (yaw, val)
        frac = {"small": rng.uniform(0.2, 0.28), "large": rng.uniform(0.75, 0.9),
                "two": rng.uniform(0.28, 0.4), "scan": rng.uniform(0.36, 0.42)}.get(
            distortion, rng.uniform(0.3, 0.65))
        if share is not None and distortion not in ("small", "large", "two", "scan"):
            frac = random.Random(f"share-{seed}-{distortion}-{k}").uniform(*share)
        if distortion == "scan":
            roll, yaw, pitch = rng.uniform(-2, 2), 0.0, 0.0
        if orient in (90, 270):
            frac = min(frac, 0.72 * H / W)
        px_per_mm = frac * W / CARD_MM[0]
        corners: list[tuple[float, float]] = []
        for _attempt in range(60):
            cx = rng.uniform(0.1 * W, 0.9 * W)
            cy = rng.uniform(0.1 * H, 0.9 * H)
            corners = _project(CARD_MM, frame, (cx, cy), px_per_mm, orient + roll, yaw, pitch)
            if distortion == "cutoff":
                xs = [x for x, _ in corners]
                over = rng.uniform(0.1, 0.3) * (max(xs) - min(xs))
                shift = (-min(xs) - over) if rng.random() < 0.5 else (W - max(xs) + over)
                corners = [(x + shift, y) for x, y in corners]
                if all(0 < y < H for _, y in corners):
                    cut = True
                    break
                continue
            if not _fits(corners, frame, 0.02 * W):
                px_per_mm *= 0.97
                continue
            if any(_overlaps(corners, other) for other in placed):
                continue
            break
        else:
            if distortion != "cutoff" and (not corners or not _fits(corners, frame, 0)):
                continue
        ppm = max(8.0, min(24.0, px_per_mm * 1.1))
        card = render_card(ident, sides[k], random.Random(rng.random()), ppm=ppm)
        canvas = _composite(canvas, card, corners, shadow=True)
        placed.append(corners)
        cards.append(PhotoCard(sides[k], ident, tuple(corners), orient, "ID-1"))
    if cards and distortion == "thumb":
        canvas = (photo_marks.thumb(canvas, cards[0].corners, rng) if thumb == 1 else
                  photo_marks.held_thumb(canvas, cards[0].corners, rng,
                                         random.Random(f"thumb-{thumb}-{seed}")))
    if cards and distortion == "glare":
        canvas = photo_marks.glare(canvas, cards[0].corners, rng)
    if distortion != "scan":
        canvas = _uneven_light(canvas, rng) if rng.random() < 0.3 else canvas
    if distortion == "blur":
        canvas = canvas.filter(ImageFilter.GaussianBlur(W * rng.uniform(0.0008, 0.0015)))
    elif distortion != "scan":
        canvas = canvas.filter(ImageFilter.GaussianBlur(W * 0.00025))
        canvas = _noise(canvas, rng, rng.uniform(1.5, 4.0))
    quality = 92 if distortion == "scan" else rng.randrange(72, 92)
    if distortion == "exif":
        orientation = rng.choice((3, 6, 8))
        stored = {
            3: canvas.transpose(Image.Transpose.ROTATE_180),
            6: canvas.transpose(Image.Transpose.ROTATE_90),
            8: canvas.transpose(Image.Transpose.ROTATE_270),
        }[orientation]
        data = _jpeg(stored, quality, exif_orientation=orientation)
    else:
        data = _jpeg(canvas, quality)
    return GeneratedPhoto(seed, distortion, texture, data, frame, tuple(cards), cut)


def _overlaps(a: list[tuple[float, float]], b: list[tuple[float, float]]) -> bool:
    ax = [x for x, _ in a]
    ay = [y for _, y in a]
    bx = [x for x, _ in b]
    by = [y for _, y in b]
    gap = 0.03 * (max(ax) - min(ax))
    return not (max(ax) + gap < min(bx) or max(bx) + gap < min(ax)
                or max(ay) + gap < min(by) or max(by) + gap < min(ay))


def photo_set(count: int, seed: int = 2026, distortions: tuple[str, ...] = PHOTO_DISTORTIONS,
              size: tuple[int, int] = (4000, 3000), share: tuple[float, float] | None = None,
              thumb: int = 1) -> list[GeneratedPhoto]:
    """`count` photos cycling through `distortions` (and through the textures)."""
    return [make_photo(seed * 1000 + i, distortions[i % len(distortions)], size,
                       TEXTURES[(i // len(distortions)) % len(TEXTURES)], share, thumb)
            for i in range(count)]


if __name__ == "__main__":  # write a sample set to look at
    import sys

    out = Path(sys.argv[1] if len(sys.argv) > 1 else "/tmp/cards")
    out.mkdir(parents=True, exist_ok=True)
    for c in mixed_set(int(sys.argv[2]) if len(sys.argv) > 2 else 26):
        (out / c.filename).write_bytes(c.data)
    print(f"wrote cards to {out}")
