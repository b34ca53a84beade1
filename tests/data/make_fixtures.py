#!/usr/bin/env python3
"""Writes the byte-exact input fixtures under tests/data (run from anywhere; idempotent).

Every bad case is a folder holding one broken file (plus valid companions where the broken file is
not ratings.csv), so the same folder serves the loader test and the command-line test."""
import gzip
import os
import shutil

HERE = os.path.dirname(os.path.abspath(__file__))
GOOD_RATINGS = b"user_id,book_id,rating\n1,10,5\n1,11,3\n2,10,4\n2,12,2\n3,11,1\n"
GOOD_BOOKS = (b"book_id,goodreads_book_id,work_id,authors,original_publication_year,original_title,"
              b"title,language_code,average_rating,ratings_count,image_url\r\n"
              b"10,100,1000,Author A,2001.0,Ten,Ten,eng,4.5,2,\r\n"
              b"11,110,1100,Author B,1999.0,Eleven,Eleven,eng,2.0,2,\r\n"
              b"12,120,1200,Author C,-720.0,Twelve,Twelve,,2.0,1,\r\n")
# Shelf names (CRLF like goodbooks-10k's tags.csv) and shelves joined on GOOD_BOOKS' Goodreads ids.
GOOD_TAGS = b"tag_id,tag_name\r\n0,fantasy\r\n1,mystery\r\n2,to-read\r\n"
GOOD_BOOK_TAGS = b"goodreads_book_id,tag_id,count\n100,0,50\n110,1,40\n120,2,10\n"


def write(path, data):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "wb") as f:
        f.write(data)


def gz(data):
    return gzip.compress(data, mtime=0)


def bad(case, files):
    folder = os.path.join(HERE, "bad", case)
    shutil.rmtree(folder, ignore_errors=True)
    for name, data in files.items():
        write(os.path.join(folder, name), data)


def ratings_case(case, body, name="ratings.csv"):
    bad(case, {name: body})


def main():
    valid_big = b"user_id,book_id,rating\n" + b"".join(
        b"%d,%d,%d\n" % (u, b, 1 + (u * 7 + b) % 5) for u in range(1, 400) for b in range(1, 30))
    compressed = gz(valid_big)
    corrupt = bytearray(compressed)
    for i in range(len(corrupt) // 2, len(corrupt) // 2 + 16):
        corrupt[i] ^= 0x5A

    ratings_case("empty_file", b"")
    ratings_case("header_only", b"user_id,book_id,rating\n")
    ratings_case("missing_header", b"1,10,5\n2,11,4\n")
    ratings_case("unknown_header", b"reader,item,stars\n1,10,5\n")
    ratings_case("duplicate_column", b"user_id,book_id,rating,user_id\n1,10,5,1\n")
    ratings_case("wrong_field_count", b"user_id,book_id,rating\n1,10,5\n2,11\n")
    ratings_case("non_numeric_id", b"user_id,book_id,rating\n1,10,5\nabc,11,4\n")
    ratings_case("non_numeric_rating", b"book_id,user_id,rating\n10,1,5\n11,2,five\n")
    ratings_case("nan_rating", b"user_id,book_id,rating\n1,10,nan\n")
    ratings_case("rating_out_of_scale", b"user_id,book_id,rating\n1,10,5\n2,11,4\n3,12,7\n")
    ratings_case("negative_id", b"user_id,book_id,rating\n1,-10,5\n")
    ratings_case("zero_id", b"user_id,book_id,rating\n1,10,5\n0,11,4\n")
    ratings_case("id_too_large", b"user_id,book_id,rating\n1,99999999999,5\n")
    ratings_case("empty_id", b"user_id,book_id,rating\n1,,5\n")
    ratings_case("unterminated_quote", b"user_id,book_id,rating\n1,\"10,5\n2,11,4\n")
    ratings_case("text_after_quote", b"user_id,book_id,rating\n1,\"10\"x,5\n")
    ratings_case("binary_garbage", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00")
    ratings_case("truncated_gz", compressed[: len(compressed) // 2], "ratings.csv.gz")
    ratings_case("corrupt_gz", bytes(corrupt), "ratings.csv.gz")
    ratings_case("not_gzip_at_all", b"\x1f\x8b\x08\x00garbage that is not deflate data", "ratings.csv.gz")
    bad("no_ratings_file", {"books.csv": GOOD_BOOKS})
    bad("books_duplicate_id", {"ratings.csv": GOOD_RATINGS,
                               "books.csv": GOOD_BOOKS + b"11,111,1101,Author D,2000.0,X,X,eng,3.0,1,\r\n"})
    bad("books_bad_year", {"ratings.csv": GOOD_RATINGS,
                           "books.csv": GOOD_BOOKS.replace(b"1999.0", b"nineteen")})
    bad("books_missing_title", {"ratings.csv": GOOD_RATINGS,
                                "books.csv": b"book_id,authors\r\n10,Author A\r\n"})
    bad("to_read_bad_id", {"ratings.csv": GOOD_RATINGS, "books.csv": GOOD_BOOKS,
                           "to_read.csv": b"user_id,book_id\n1,12\n2,x\n"})

    def shelves_case(case, tags=GOOD_TAGS, book_tags=GOOD_BOOK_TAGS, book_tags_name="book_tags.csv"):
        bad(case, {"ratings.csv": GOOD_RATINGS, "books.csv": GOOD_BOOKS, "tags.csv": tags,
                   book_tags_name: book_tags})

    shelves_case("tags_negative_id", tags=b"tag_id,tag_name\r\n0,fantasy\r\n-3,mystery\r\n")
    shelves_case("tags_duplicate_id",
                 tags=b"tag_id,tag_name\r\n0,fantasy\r\n1,mystery\r\n1,horror\r\n")
    shelves_case("tags_duplicate_name",
                 tags=b"tag_id,tag_name\r\n0,fantasy\r\n1,mystery\r\n2,fantasy\r\n")
    shelves_case("tags_empty_name", tags=b"tag_id,tag_name\r\n0,fantasy\r\n1,\r\n")
    shelves_case("tags_no_header", tags=b"0,fantasy\r\n1,mystery\r\n")
    shelves_case("book_tags_unknown_tag",
                 book_tags=b"goodreads_book_id,tag_id,count\n100,0,50\n110,7,40\n")
    shelves_case("book_tags_bad_count",
                 book_tags=b"goodreads_book_id,tag_id,count\n100,0,50\n110,1,many\n")
    shelves_case("book_tags_negative_count", book_tags=b"goodreads_book_id,tag_id,count\n100,0,-5\n")
    shelves_case("book_tags_zero_book_id", book_tags=b"goodreads_book_id,tag_id,count\n0,0,5\n")
    shelves_case("book_tags_wrong_field_count",
                 book_tags=b"goodreads_book_id,tag_id,count\n100,0\n")
    shelves_case("book_tags_unknown_header", book_tags=b"book_id,tag_id,count\n100,0,50\n")
    shelves_case("book_tags_header_only", book_tags=b"goodreads_book_id,tag_id,count\n")
    many_shelves = b"goodreads_book_id,tag_id,count\n" + b"".join(
        b"%d,%d,%d\n" % (book, tag, (book * 31 + tag * 7 + n) % 997)
        for n in range(1000) for book in (100, 110, 120) for tag in (0, 1, 2))
    packed = gz(many_shelves)
    shelves_case("book_tags_truncated_gz", book_tags=packed[: len(packed) // 2],
                 book_tags_name="book_tags.csv.gz")

    # Valid inputs in every shape the loader accepts.
    good = os.path.join(HERE, "good")
    shutil.rmtree(good, ignore_errors=True)
    write(os.path.join(good, "tiny", "ratings.csv"), GOOD_RATINGS)
    write(os.path.join(good, "tiny", "books.csv"), GOOD_BOOKS)
    write(os.path.join(good, "tiny", "to_read.csv"), b"user_id,book_id\n1,12\n2,11\n3,10\n9,10\n")
    kaggle_books = (b"id,book_id,best_book_id,work_id,books_count,isbn,isbn13,authors,"
                    b"original_publication_year,original_title,title,language_code,average_rating,"
                    b"ratings_count,work_ratings_count,work_text_reviews_count,ratings_1,ratings_2,"
                    b"ratings_3,ratings_4,ratings_5,image_url,small_image_url\r\n"
                    b"1,2767052,2767052,2792775,272,439023483,9.78043902348e+12,Suzanne Collins,2008.0,"
                    b"The Hunger Games,\"The Hunger Games (The Hunger Games, #1)\",eng,4.34,4780653,"
                    b"4942365,155254,66715,127936,560092,1481305,2706317,https://x/1.jpg,https://x/1s.jpg\r\n"
                    b"2,3,3,4640799,491,439554934,9.78043955493e+12,\"J.K. Rowling, Mary GrandPr\xc3\xa9\",1997.0,"
                    b"Harry Potter and the Philosopher's Stone,\"Harry Potter and the Sorcerer's Stone "
                    b"(Harry Potter, #1)\",eng,4.44,4602479,4800065,75867,75504,101676,455024,1156318,"
                    b"3011543,https://x/2.jpg,https://x/2s.jpg\r\n"
                    b"3,41865,41865,3212258,226,316015849,9.78031601584e+12,Stephenie Meyer,2005.0,"
                    b"Twilight,\"Say \"\"Twilight\"\"\nagain\",en-US,3.57,3866839,3916824,95009,456191,"
                    b"436802,793319,875073,1355439,https://x/3.jpg,https://x/3s.jpg\r\n")
    kaggle_ratings = b"\xef\xbb\xbfbook_id,user_id,rating\r\n1,314,5\r\n2,314,3\r\n1,439,3\r\n1,314,4\r\n3,588,1\r\n4,588,2"
    write(os.path.join(good, "kaggle_crlf_bom", "ratings.csv"), kaggle_ratings)
    write(os.path.join(good, "kaggle_crlf_bom", "books.csv"), kaggle_books)
    # Shelves: a genre shelf beats more-used non-genre ones, a tie between genres goes to the one
    # listed first, -1 counts and a repeated pair are tolerated, an unknown Goodreads id ignored.
    shelves = os.path.join(good, "shelves")
    write(os.path.join(shelves, "ratings.csv"), GOOD_RATINGS)
    write(os.path.join(shelves, "books.csv"), GOOD_BOOKS)
    write(os.path.join(shelves, "tags.csv"),
          b"tag_id,tag_name\r\n0,-\r\n1,fantasy\r\n2,sci-fi\r\n3,to-read\r\n4,owned\r\n5,magic\r\n"
          b"6,mystery\r\n7,thriller\r\n8,read-in-2015\r\n9,\"cozy, village\"\r\n10,science-fiction\r\n")
    write(os.path.join(shelves, "book_tags.csv"),
          b"goodreads_book_id,tag_id,count\n"
          b"100,3,500\n100,1,50\n100,2,30\n100,4,40\n100,5,20\n100,8,60\n"
          b"110,7,40\n110,6,40\n110,9,45\n110,0,3\n"
          b"120,3,10\n120,5,7\n120,5,5\n120,1,-1\n"
          b"999,1,10\n")
    # Kaggle books: book_tags joins on books.csv's book_id (the Goodreads id), not its id.
    kaggle_shelves = os.path.join(good, "shelves_kaggle_gz")
    write(os.path.join(kaggle_shelves, "ratings.csv"), kaggle_ratings)
    write(os.path.join(kaggle_shelves, "books.csv"), kaggle_books)
    write(os.path.join(kaggle_shelves, "tags.csv.gz"),
          gz(b"tag_id,tag_name\r\n0,fantasy\r\n1,young-adult\r\n2,dystopian\r\n3,vampires\r\n"
             b"4,romance\r\n"))
    write(os.path.join(kaggle_shelves, "book_tags.csv.gz"),
          gz(b"goodreads_book_id,tag_id,count\n2767052,1,100\n2767052,2,80\n3,0,200\n3,1,150\n"
             b"41865,3,90\n41865,4,90\n2,0,999\n"))
    # One tag file without the other, and both without books.csv to join on.
    for case, files in {"tags_only": {"tags.csv": GOOD_TAGS},
                        "book_tags_only": {"book_tags.csv": GOOD_BOOK_TAGS},
                        "shelves_without_books": {"tags.csv": GOOD_TAGS,
                                                  "book_tags.csv": GOOD_BOOK_TAGS}}.items():
        write(os.path.join(good, case, "ratings.csv"), GOOD_RATINGS)
        if case != "shelves_without_books":
            write(os.path.join(good, case, "books.csv"), GOOD_BOOKS)
        for name, data in files.items():
            write(os.path.join(good, case, name), data)
    write(os.path.join(good, "gz_half_stars", "ratings.csv.gz"),
          gz(b"user_id,book_id,rating,timestamp\n7,1,3.5,100\n7,2,4.5,101\n8,1,0.5,102\n8,2,5,103\n"))
    large_id_fixtures(good)
    # books.csv saved as Latin-1: loads, with U+FFFD for the bad bytes and a warning.
    write(os.path.join(good, "latin1_titles", "ratings.csv"), GOOD_RATINGS)
    write(os.path.join(good, "latin1_titles", "books.csv"),
          GOOD_BOOKS.replace(b"Ten,Ten,eng", b"Ten,Les Mis\xe9rables,eng")
          .replace(b"Author B", b"Fran\xe7ois"))
    import_fixtures()


# Ids at the top of the accepted range (2^31 - 1) and scattered far apart: the loaders must index
# them compactly (a table sized by the largest id would take gigabytes). Every reader rates four of
# the six books, so a model trains; tags and book_tags use large ids as well.
LARGE_USERS = [1, 2, 1000000007, 1500000000, 2147483646, 2147483647]
LARGE_BOOKS = [1, 2, 123456789, 900000001, 2147483646, 2147483647]


def large_id_fixtures(good):
    folder = os.path.join(good, "large_ids")
    ratings = b"user_id,book_id,rating\n"
    for u, user in enumerate(LARGE_USERS):
        for k in range(4):
            book = LARGE_BOOKS[(u + k) % len(LARGE_BOOKS)]
            ratings += b"%d,%d,%d\n" % (user, book, 1 + (u * 3 + k * 2) % 5)
    write(os.path.join(folder, "ratings.csv"), ratings)
    books = (b"book_id,goodreads_book_id,best_book_id,work_id,authors,original_publication_year,"
             b"original_title,title,language_code,average_rating,ratings_count,image_url\n")
    for b, book in enumerate(LARGE_BOOKS):
        goodreads = 2147483647 - b
        books += b"%d,%d,%d,%d,Author %d,%d.0,Book %d,Book %d,eng,3.5,%d,\n" % (
            book, goodreads, goodreads, 2147483647 - 7 * b, b, 1990 + b, book, book, 10 + b)
    write(os.path.join(folder, "books.csv"), books)
    write(os.path.join(folder, "to_read.csv"),
          b"user_id,book_id\n2147483647,2\n1,2147483647\n2147483646,900000001\n")
    write(os.path.join(folder, "tags.csv"),
          b"tag_id,tag_name\n0,fantasy\n2147483647,mystery\n1000000000,to-read\n")
    write(os.path.join(folder, "book_tags.csv"),
          b"goodreads_book_id,tag_id,count\n2147483647,2147483647,50\n2147483647,0,10\n"
          b"2147483646,0,40\n2147483642,1000000000,30\n")
    # One past the limit, in each id column of ratings.csv.
    bad("id_one_past_limit_user", {"ratings.csv": b"user_id,book_id,rating\n2147483647,1,5\n"
                                                  b"2147483648,1,4\n"})
    bad("id_one_past_limit_book", {"ratings.csv": b"user_id,book_id,rating\n1,2147483648,5\n"})


# Spark ALS factors for good/tiny (users 1-3, books 10-12), rank 3, as Spark's JSON writer
# prints them: no spaces, Java's float text (1.0E-4), a folder of part files with _SUCCESS and
# .crc files beside them, and an empty part file (a partition that held no rows).
SPARK_USERS = [b'{"id":1,"features":[0.5,-1.25,2.0]}\n{"id":2,"features":[1.0E-4,0.75,-0.5]}\n',
               b'{"id":3,"features":[-2.5,0.125,3.0]}\n']
SPARK_ITEMS = [b'{"id":10,"features":[1.0,2.0,-1.0]}\n{"id":11,"features":[-0.5,0.25,1.5E1]}\n'
               b'{"id":12,"features":[0.0,-3.0,0.5]}\n', b'']


def import_fixtures():
    folder = os.path.join(HERE, "import")
    shutil.rmtree(folder, ignore_errors=True)
    for table, parts in (("userFactors", SPARK_USERS), ("itemFactors", SPARK_ITEMS)):
        for i, data in enumerate(parts):
            name = "part-%05d-5f1c2d9e-0b7a-4c1e-9d3f-2a6b8c4e1f70-c000.json" % i
            write(os.path.join(folder, "spark", table, name), data)
            write(os.path.join(folder, "spark", table, "." + name + ".crc"), b"crc\0\1")
        write(os.path.join(folder, "spark", table, "_SUCCESS"), b"")
    write(os.path.join(folder, "spark", "no_parts", "_SUCCESS"), b"")
    good = b'{"id":1,"features":[0.5,-1.25,2.0]}\n'
    cases = {
        "bad_json.json": good + b'{"id":2,"features":[0.1,0.2,0.3]\n',
        "not_an_object.json": good + b'[2,[0.1,0.2,0.3]]\n',
        "text_after_object.json": good + b'{"id":2,"features":[0.1,0.2,0.3]} {"id":3}\n',
        "wrong_feature_count.json": good + b'{"id":2,"features":[0.1,0.2,0.3]}\n'
                                           b'{"id":3,"features":[0.1,0.2]}\n',
        "duplicate_id.json": good + b'{"id":2,"features":[0.1,0.2,0.3]}\n'
                                    b'{"id":1,"features":[0.4,0.5,0.6]}\n',
        "nan_feature.json": good + b'{"id":2,"features":[0.1,"NaN",0.3]}\n',
        "infinite_feature.json": good + b'{"id":2,"features":[0.1,Infinity,0.3]}\n',
        "float_overflow.json": good + b'{"id":2,"features":[0.1,1e39,0.3]}\n',
        "id_too_large.json": good + b'{"id":2147483648,"features":[0.1,0.2,0.3]}\n',
        "id_zero.json": good + b'{"id":0,"features":[0.1,0.2,0.3]}\n',
        "id_fraction.json": good + b'{"id":2.5,"features":[0.1,0.2,0.3]}\n',
        "missing_features.json": good + b'{"id":2}\n',
        "unknown_key.json": good + b'{"id":2,"features":[0.1,0.2,0.3],"rank":3}\n',
        "empty_features.json": good + b'{"id":2,"features":[]}\n',
        "empty.json": b"",
        "binary.json": good + b'{"id":2,\0\0\0\n',
    }
    for name, data in cases.items():
        write(os.path.join(folder, "bad", name), data)
    # Projector TSV and CSV that break: fewer vectors than ids, no id column, a bad number.
    write(os.path.join(folder, "bad", "short_vectors", "vectors.tsv"), b"0.1\t0.2\n")
    write(os.path.join(folder, "bad", "short_vectors", "metadata.tsv"), b"1\n2\n")
    write(os.path.join(folder, "bad", "no_id_column", "vectors.tsv"), b"0.1\t0.2\n")
    write(os.path.join(folder, "bad", "no_id_column", "metadata.tsv"),
          b"title\tauthor\nTen\tAuthor A\n")
    write(os.path.join(folder, "bad", "bad_number.csv"), b"user_id,e0,e1\n1,0.1,0.2\n2,0.3,x\n")


if __name__ == "__main__":
    main()
