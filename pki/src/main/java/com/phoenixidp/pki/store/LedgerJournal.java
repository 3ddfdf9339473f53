package com.phoenixidp.pki.store;

import com.phoenixidp.pki.keys.SecureFiles;
import com.phoenixidp.pki.revocation.RevocationReason;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32;
import org.jspecify.annotations.Nullable;

/**
 * The ledger's redo log: every certificate record, once committed to H2, is appended here before
 * its caller returns, so H2 can write its commits in the background (one chunk every 500 ms rather
 * than one per certificate) and a record still survives the process being killed: the appended
 * bytes are in the operating system's page cache, and the next process to open the ledger
 * inserts whatever the database file is missing ({@link #read()}, idempotent by serial).
 *
 * <p>Two files, {@code ledger.journal.0} and {@code .1}: appends go to the current one; once a
 * second the ledger switches to the other ({@link #rotate()}), forces H2 to disk
 * ({@code CHECKPOINT SYNC}) and empties the one it left ({@link #clear(int)}). Every record in the
 * left file was committed to H2 before it was appended, so before the switch, so before the
 * checkpoint: emptying it loses nothing. A failed checkpoint leaves the file as it is.
 *
 * <p>One process at a time journals: the one holding the lock on {@code ledger.journal.lock}
 * ({@link #tryOpen}). Another process using the same ledger (through H2's {@code AUTO_SERVER})
 * forces each of its writes to disk instead, and takes over the journal once the holder is gone.
 *
 * <p>An entry is {@code magic, length, CRC-32, payload}; reading stops at the first entry that is
 * cut short or does not match its checksum (a write torn by a power cut), which can only be the
 * last one written.
 */
final class LedgerJournal implements AutoCloseable {

    static final String LOCK_FILE = "ledger.journal.lock";
    private static final int MAGIC = 0x504b4a31; // "PKJ1"
    private static final int MAX_PAYLOAD = 1 << 20;
    private static final int HEADER = 12;

    private final FileChannel lockChannel;
    private final FileLock lock;
    private final FileChannel[] files;
    private int current;

    private LedgerJournal(FileChannel lockChannel, FileLock lock, FileChannel[] files) {
        this.lockChannel = lockChannel;
        this.lock = lock;
        this.files = files;
    }

    /** The journal of the ledger in {@code dir}, or {@code null} when another ledger holds it. */
    static @Nullable LedgerJournal tryOpen(Path dir) throws IOException {
        FileChannel lockChannel = open(dir.resolve(LOCK_FILE));
        FileLock lock;
        try {
            lock = lockChannel.tryLock();
        } catch (OverlappingFileLockException e) {
            lock = null; // another ledger in this JVM holds it
        } catch (IOException | RuntimeException e) {
            lockChannel.close();
            throw e;
        }
        if (lock == null) {
            lockChannel.close();
            return null;
        }
        FileChannel[] files = new FileChannel[2];
        try {
            for (int i = 0; i < files.length; i++) {
                files[i] = open(dir.resolve("ledger.journal." + i));
                files[i].position(files[i].size());
            }
        } catch (IOException | RuntimeException e) {
            for (FileChannel file : files) {
                if (file != null) {
                    file.close();
                }
            }
            lockChannel.close(); // releases the lock
            throw e;
        }
        return new LedgerJournal(lockChannel, lock, files);
    }

    private static FileChannel open(Path path) throws IOException {
        FileChannel channel =
                FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
        SecureFiles.restrictToOwner(path);
        return channel;
    }

    /** Appends the records to the current file in one write. */
    void append(List<CertificateRecord> records) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(1536 * records.size());
        for (CertificateRecord record : records) {
            byte[] payload = encode(record);
            if (payload.length > MAX_PAYLOAD) {
                throw new IOException("the record of certificate " + record.serialHex() + " is too large to journal");
            }
            CRC32 crc = new CRC32();
            crc.update(payload);
            ByteBuffer header = ByteBuffer.allocate(HEADER)
                    .putInt(MAGIC)
                    .putInt(payload.length)
                    .putInt((int) crc.getValue());
            bytes.write(header.array(), 0, HEADER);
            bytes.write(payload, 0, payload.length);
        }
        ByteBuffer buffer = ByteBuffer.wrap(bytes.toByteArray());
        synchronized (this) {
            FileChannel file = files[current];
            long start = file.position();
            try {
                while (buffer.hasRemaining()) {
                    file.write(buffer);
                }
            } catch (IOException e) {
                file.truncate(start); // no half entry in front of the next one
                throw e;
            }
        }
    }

    /** Switches appends to the other file; returns the file left, to {@link #clear} after a checkpoint. */
    synchronized int rotate() {
        int left = current;
        current = 1 - current;
        return left;
    }

    /** Empties one file: every record in it is in the database file. */
    synchronized void clear(int file) throws IOException {
        files[file].truncate(0);
    }

    /** Empties both files. */
    synchronized void clearAll() throws IOException {
        for (int i = 0; i < files.length; i++) {
            clear(i);
        }
    }

    /** Every whole entry of both files, oldest file first. */
    synchronized List<CertificateRecord> read() throws IOException {
        List<CertificateRecord> records = new ArrayList<>();
        for (FileChannel file : files) {
            readInto(file, records);
        }
        return records;
    }

    private static void readInto(FileChannel file, List<CertificateRecord> records) throws IOException {
        long size = file.size();
        long position = 0;
        ByteBuffer header = ByteBuffer.allocate(HEADER);
        while (position + HEADER <= size) {
            header.clear();
            readFully(file, header, position);
            header.flip();
            int magic = header.getInt();
            int length = header.getInt();
            int checksum = header.getInt();
            if (magic != MAGIC || length < 0 || length > MAX_PAYLOAD || position + HEADER + length > size) {
                return; // a torn last entry
            }
            ByteBuffer payload = ByteBuffer.allocate(length);
            readFully(file, payload, position + HEADER);
            CRC32 crc = new CRC32();
            crc.update(payload.array());
            if ((int) crc.getValue() != checksum) {
                return;
            }
            records.add(decode(payload.array()));
            position += HEADER + length;
        }
    }

    private static void readFully(FileChannel file, ByteBuffer buffer, long position) throws IOException {
        long at = position;
        while (buffer.hasRemaining()) {
            int read = file.read(buffer, at);
            if (read < 0) {
                throw new EOFException();
            }
            at += read;
        }
    }

    static byte[] encode(CertificateRecord record) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(1024);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            writeBytes(out, record.serial().toByteArray());
            writeString(out, record.subject());
            out.writeInt(record.subjectAltNames().size());
            for (String san : record.subjectAltNames()) {
                writeString(out, san);
            }
            writeString(out, record.profile());
            writeInstant(out, record.notBefore());
            writeInstant(out, record.notAfter());
            writeInstant(out, record.issuedAt());
            Instant revokedAt = record.revokedAt();
            out.writeBoolean(revokedAt != null);
            if (revokedAt != null) {
                writeInstant(out, revokedAt);
            }
            RevocationReason reason = record.revocationReason();
            out.writeBoolean(reason != null);
            if (reason != null) {
                writeString(out, reason.name());
            }
            byte[] der = record.der();
            out.writeBoolean(der != null);
            if (der != null) {
                writeBytes(out, der);
            }
        }
        return bytes.toByteArray();
    }

    static CertificateRecord decode(byte[] payload) throws IOException {
        try (DataInputStream in = new DataInputStream(new java.io.ByteArrayInputStream(payload))) {
            BigInteger serial = new BigInteger(readBytes(in));
            String subject = readString(in);
            int sanCount = in.readInt();
            if (sanCount < 0 || sanCount > payload.length) {
                throw new IOException("bad journal entry");
            }
            List<String> sans = new ArrayList<>(sanCount);
            for (int i = 0; i < sanCount; i++) {
                sans.add(readString(in));
            }
            String profile = readString(in);
            Instant notBefore = readInstant(in);
            Instant notAfter = readInstant(in);
            Instant issuedAt = readInstant(in);
            Instant revokedAt = in.readBoolean() ? readInstant(in) : null;
            RevocationReason reason = in.readBoolean() ? RevocationReason.valueOf(readString(in)) : null;
            byte[] der = in.readBoolean() ? readBytes(in) : null;
            return new CertificateRecord(
                    serial, subject, sans, profile, notBefore, notAfter, issuedAt, revokedAt, reason, der);
        }
    }

    private static void writeBytes(DataOutputStream out, byte[] value) throws IOException {
        out.writeInt(value.length);
        out.write(value);
    }

    private static byte[] readBytes(DataInputStream in) throws IOException {
        int length = in.readInt();
        if (length < 0 || length > in.available()) {
            throw new IOException("bad journal entry");
        }
        return in.readNBytes(length);
    }

    private static void writeString(DataOutputStream out, String value) throws IOException {
        writeBytes(out, value.getBytes(StandardCharsets.UTF_8));
    }

    private static String readString(DataInputStream in) throws IOException {
        return new String(readBytes(in), StandardCharsets.UTF_8);
    }

    private static void writeInstant(DataOutputStream out, Instant value) throws IOException {
        out.writeLong(value.getEpochSecond());
        out.writeInt(value.getNano());
    }

    private static Instant readInstant(DataInputStream in) throws IOException {
        return Instant.ofEpochSecond(in.readLong(), in.readInt());
    }

    /** Closes the files and releases the lock; the files keep what they hold. */
    @Override
    public synchronized void close() throws IOException {
        try {
            for (FileChannel file : files) {
                file.close();
            }
        } finally {
            if (lock.isValid()) {
                lock.release();
            }
            lockChannel.close();
        }
    }
}
