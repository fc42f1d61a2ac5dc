#!/usr/bin/env python3
"""Writes a survey CSV of N rows (default 1,000,000) for the import benchmark: every column,
realistic values, some unanswered scores, some quoted suggestions with commas and quotes."""
import random
import sys

rows = int(sys.argv[1]) if len(sys.argv) > 1 else 1_000_000
path = sys.argv[2] if len(sys.argv) > 2 else "survey.csv"
rng = random.Random(2026)
services = ["KTP", "KK", "Akta Kelahiran", "Surat Pindah", "IMB", "SKTM", "Legalisasi", "Dispensasi Nikah"]
educations = ["SD", "SMP", "SMA", "D1-D3", "D4/S1", "S2", "S3"]
occupations = ["PNS", "TNI", "POLRI", "SWASTA", "WIRAUSAHA", "LAINNYA"]
suggestions = ["", "", "", "Pelayanan cepat", '"Antrean lama, mohon ditambah petugas"', '"Ruang tunggu ""panas"""']
days = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]

with open(path, "w", newline="") as out:
    out.write("date,service,u1,u2,u3,u4,u5,u6,u7,u8,u9,gender,age,education,occupation,suggestion\r\n")
    for _ in range(rows):
        month = rng.randint(1, 12)
        day = rng.randint(1, days[month - 1])
        scores = ",".join("" if rng.random() < 0.02 else str(rng.randint(1, 4)) for _ in range(9))
        out.write(f"2025-{month:02d}-{day:02d},{rng.choice(services)},{scores},{rng.choice('LP')},"
                  f"{rng.randint(17, 80)},{rng.choice(educations)},{rng.choice(occupations)},{rng.choice(suggestions)}\r\n")
