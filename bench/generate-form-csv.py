#!/usr/bin/env python3
"""Writes the same N survey responses (default 100,000) twice, for the form import benchmark:
FORM.csv as Google Forms exports a standard SKM questionnaire in the Indonesian locale (a
"Stempel waktu" column with d/M/yyyy H:mm:ss, an e-mail column, the nine questions by their
wording with items 8 and 9 swapped, answers as labels, some with their letter, the profile in
everyday forms, some suggestions), and PLAIN.csv in iku's own survey columns."""
import random
import sys

rows = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000
form_path = sys.argv[2] if len(sys.argv) > 2 else "form.csv"
plain_path = sys.argv[3] if len(sys.argv) > 3 else "plain.csv"
rng = random.Random(2025)
labels = [
    ["Tidak sesuai", "Kurang sesuai", "Sesuai", "Sangat sesuai"],
    ["Tidak mudah", "Kurang mudah", "Mudah", "Sangat mudah"],
    ["Tidak cepat", "Kurang cepat", "Cepat", "Sangat cepat"],
    ["Sangat mahal", "Cukup mahal", "Murah", "Gratis"],
    ["Tidak sesuai", "Kurang sesuai", "Sesuai", "Sangat sesuai"],
    ["Tidak kompeten", "Kurang kompeten", "Kompeten", "Sangat kompeten"],
    ["Tidak sopan dan ramah", "Kurang sopan dan ramah", "Sopan dan ramah", "Sangat sopan dan ramah"],
    ["Tidak ada", "Ada tetapi tidak berfungsi", "Berfungsi kurang maksimal", "Dikelola dengan baik"],
    ["Buruk", "Cukup", "Baik", "Sangat baik"],
]
questions = [
    "1. Bagaimana pendapat Saudara tentang kesesuaian persyaratan pelayanan dengan jenis pelayanannya?",
    "2. Bagaimana pemahaman Saudara tentang kemudahan prosedur pelayanan di unit ini?",
    "3. Bagaimana pendapat Saudara tentang kecepatan waktu dalam memberikan pelayanan?",
    "4. Bagaimana pendapat Saudara tentang kewajaran biaya/tarif dalam pelayanan?",
    "5. Bagaimana pendapat Saudara tentang kesesuaian produk pelayanan antara yang tercantum dalam standar pelayanan dengan hasil yang diberikan?",
    "6. Bagaimana pendapat Saudara tentang kompetensi/kemampuan petugas dalam pelayanan?",
    "7. Bagaimana pendapat Saudara tentang perilaku petugas dalam pelayanan terkait kesopanan dan keramahan?",
    "8. Bagaimana pendapat Saudara tentang kualitas sarana dan prasarana?",
    "9. Bagaimana pendapat Saudara tentang penanganan pengaduan pengguna layanan?",
]
order = [0, 1, 2, 3, 4, 5, 6, 8, 7]  # the form prints sarana (U9) before pengaduan (U8)
services = ["KTP", "KK", "Akta Kelahiran", "Surat Pindah", "IMB", "SKTM", "Legalisasi", "Dispensasi Nikah"]
genders = [("Laki-laki", "L"), ("Perempuan", "P")]
educations = [("SD", "SD"), ("SMP/MTs", "SMP"), ("SMA/SMK/sederajat", "SMA"), ("Diploma (D1-D3)", "D1-D3"),
              ("S1/D4", "D4/S1"), ("S2", "S2"), ("S3", "S3")]
occupations = [("PNS/ASN", "PNS"), ("TNI", "TNI"), ("POLRI", "POLRI"), ("Pegawai Swasta", "SWASTA"),
               ("Wiraswasta", "WIRAUSAHA"), ("Petani", "LAINNYA"), ("Ibu rumah tangga", "LAINNYA")]
suggestions = ["", "", "", "Pelayanan cepat", '"Antrean lama, mohon ditambah petugas"', '"Ruang tunggu ""panas"""']
days = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]


def quoted(text):
    return '"' + text.replace('"', '""') + '"'


with open(form_path, "w", newline="") as form, open(plain_path, "w", newline="") as plain:
    form.write(",".join(["Stempel waktu", "Alamat email", "Jenis Layanan"] + [quoted(q) for q in questions]
                        + ["Jenis Kelamin", "Umur", "Pendidikan Terakhir", "Pekerjaan", "Saran dan Masukan"]) + "\r\n")
    plain.write("date,service,u1,u2,u3,u4,u5,u6,u7,u8,u9,gender,age,education,occupation,suggestion\r\n")
    for _ in range(rows):
        month = rng.randint(1, 12)
        day = rng.randint(1, days[month - 1])
        scores = [None if rng.random() < 0.02 else rng.randint(1, 4) for _ in range(9)]
        answers = []
        for unsur in order:
            score = scores[unsur]
            if score is None:
                answers.append("")
            elif rng.random() < 0.3:
                answers.append(f"{'abcd'[score - 1]}. {labels[unsur][score - 1]}")
            else:
                answers.append(labels[unsur][score - 1])
        service = rng.choice(services)
        gender, education, occupation = rng.choice(genders), rng.choice(educations), rng.choice(occupations)
        age = rng.randint(17, 80)
        suggestion = rng.choice(suggestions)
        stamp = f"{day}/{month}/2025 {rng.randint(7, 15)}:{rng.randint(0, 59):02d}:{rng.randint(0, 59):02d}"
        form.write(",".join([stamp, "warga@example.id", service] + answers
                            + [gender[0], str(age), education[0], occupation[0], suggestion]) + "\r\n")
        plain.write(",".join([f"2025-{month:02d}-{day:02d}", service] + ["" if s is None else str(s) for s in scores]
                             + [gender[1], str(age), education[1], occupation[1], suggestion]) + "\r\n")
