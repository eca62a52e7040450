# Sourced by the mj-pack tests that need real PNGs (mj-pack-gallery.sh,
# mj-pack-gallery-no-libvips.sh, mj-pack-gallery-libvips-fails.sh,
# mj-pack-archive-faults.sh, mj-pack-sigterm.sh): png_py runs the Python
# on its stdin with png(path, w, h, rgb) defined, which writes a w x h
# PNG of one colour at path.
png_py() {
	{
		cat <<'PY'
import struct, zlib
def png(path, w, h, rgb):
    def chunk(t, d):
        crc = zlib.crc32(t + d) & 0xffffffff
        return struct.pack(">I", len(d)) + t + d + struct.pack(">I", crc)
    raw = b"".join(b"\0" + bytes(rgb) * w for _ in range(h))
    ihdr = struct.pack(">IIBBBBB", w, h, 8, 2, 0, 0, 0)
    open(path, "wb").write(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr)
                           + chunk(b"IDAT", zlib.compress(raw))
                           + chunk(b"IEND", b""))
PY
		cat
	} | "$PYTHON3" -
}
