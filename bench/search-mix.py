#!/usr/bin/env python3
"""Writes a realistic search mix for bench/catalog.sh: one request path per line, in random order.

Reads samples of the catalogue (title, statement of responsibility, first ISBN; tab-separated) on stdin.
Real search logs have a head of popular searches and a long tail of searches seen once or twice, so:
  45% popular searches (broad Chinese words, famous titles, pinyin, with facet filters and sorts),
      drawn with a Zipf distribution over about a hundred of them;
  55% a long tail drawn from the catalogue itself: words from titles (20%), authors (15%), ISBNs (10%),
      title words with a filter (5%), pinyin words and initials (5%).
Usage: search-mix.py COUNT SEED < samples.tsv > paths.txt
"""
import random
import sys
import urllib.parse

count = int(sys.argv[1])
rng = random.Random(int(sys.argv[2]))
samples = [line.rstrip("\n").split("\t") for line in sys.stdin if line.strip()]

BASE = "/api/v1/catalog/search?q="
POPULAR_WORDS = ["中国", "历史", "文学", "儿童", "科学", "经济", "管理", "教育", "研究", "故事", "小说", "诗歌",
                 "文化", "艺术", "技术", "计算机", "世界", "生活", "三体", "活着", "中国历史", "儿童文学", "长篇小说",
                 "铜陵", "安徽", "红楼梦", "西游记", "围城", "平凡的世界", "百年孤独", "哲学", "心理学", "数学",
                 "英语", "法律", "医学", "健康", "旅游", "摄影", "音乐"]
POPULAR_PINYIN = ["zhongguo", "lishi", "wenxue", "ertong", "kexue", "jingji", "jiaoyu", "gushi", "xiaoshuo",
                  "shige", "santi", "huozhe", "zg", "ls", "wx", "et", "hongloumeng", "xiyouji", "weicheng", "hlm"]
FILTERS = ["&clcClass=I", "&availableWithin=YAQ", "&itemType=CHILDRENS_BOOK", "&yearFrom=2010",
           "&sort=newest", "&availableWithin=TGQ", "&clcClass=K", "&page=1"]
TAIL_PINYIN = ["xin", "shi", "ren", "tian", "shu", "hua", "jia", "ming", "yue", "feng", "hai", "shan", "long",
               "xiao", "da", "zhong", "wen", "ai", "sheng", "guo", "ms", "xs", "rs", "ts", "hd"]


def path(query, extra=""):
    return BASE + urllib.parse.quote(query) + extra


popular = [path(w) for w in POPULAR_WORDS] + [path(p) for p in POPULAR_PINYIN]
popular += [path(w, f) for w in POPULAR_WORDS[:8] for f in FILTERS[:4]]
popular += [path(p, f) for p in POPULAR_PINYIN[:4] for f in FILTERS[4:]]
rng.shuffle(popular)
weights = [1.0 / (rank + 1) for rank in range(len(popular))]


def title_word(title):
    chinese = "".join(c for c in title if "\u4e00" <= c <= "\u9fff")
    if len(chinese) < 2:
        return title.split()[0] if title.split() else "书"
    length = min(len(chinese), rng.choice([2, 2, 3, 4]))
    start = rng.randrange(0, len(chinese) - length + 1)
    return chinese[start:start + length]


def author(responsibility):
    chinese = "".join(c for c in responsibility if "\u4e00" <= c <= "\u9fff")
    return chinese[:rng.choice([2, 3])] if len(chinese) >= 2 else None


out = []
while len(out) < count:
    roll = rng.random()
    sample = rng.choice(samples)
    title, responsibility, isbn = (sample + ["", "", ""])[:3]
    if roll < 0.45:
        out.append(rng.choices(popular, weights)[0])
    elif roll < 0.65:
        out.append(path(title_word(title)))
    elif roll < 0.80:
        name = author(responsibility)
        out.append(path(name) if name else path(title_word(title)))
    elif roll < 0.90:
        out.append(path(isbn) if isbn else path(title_word(title)))
    elif roll < 0.95:
        out.append(path(title_word(title), rng.choice(FILTERS)))
    else:
        out.append(path(rng.choice(TAIL_PINYIN)))
print("\n".join(out))
