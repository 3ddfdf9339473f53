package com.phoenixidp.samples.device;

import io.nayuki.qrcodegen.QrCode;

/**
 * A QR code drawn with Unicode half blocks: two modules per character cell, so it stays square and
 * small. Light modules (and the quiet zone) are drawn, dark ones left blank: the usual rendering
 * for a light-on-dark terminal, which phone cameras read in either polarity.
 */
final class QrTerminal {

    private static final int QUIET = 2;

    private QrTerminal() {}

    static String render(QrCode qr) {
        StringBuilder text = new StringBuilder();
        int size = qr.size;
        for (int y = -QUIET; y < size + QUIET; y += 2) {
            text.append("  ");
            for (int x = -QUIET; x < size + QUIET; x++) {
                boolean top = light(qr, x, y);
                boolean bottom = light(qr, x, y + 1);
                text.append(top ? (bottom ? '\u2588' : '\u2580') : (bottom ? '\u2584' : ' '));
            }
            text.append('\n');
        }
        return text.toString();
    }

    private static boolean light(QrCode qr, int x, int y) {
        // getModule answers false (light) outside the symbol: that is the quiet zone
        return !qr.getModule(x, y);
    }
}
