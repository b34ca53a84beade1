#pragma once

#include <QByteArray>
#include <QHostAddress>
#include <QList>
#include <QMap>
#include <QPair>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTimer>

/// A minimal HTTP/1.1 server on 127.0.0.1 for download tests: each path answers with a fixed
/// status and body. A route may declare more bytes than it sends and then hang up (a truncated
/// download), send part of its body and then stall (for cancelling and timeouts), send no
/// Content-Length (the body ends when the connection closes), never answer, or redirect.
class LoopbackHttpServer : public QObject {
public:
    struct Route {
        int status = 200;
        QByteArray body;
        qint64 declaredLength = -1;          ///< Content-Length to announce (-1: the body's size)
        bool stall = false;                  ///< send half the body, then neither more nor close
        QByteArray contentType = "text/csv"; ///< empty: no Content-Type header
        QList<QPair<QByteArray, QByteArray>> headers{}; ///< more headers, e.g. Location
        bool sendLength = true; ///< false: no Content-Length; closing the connection ends it
        bool silent = false;    ///< read the request, then never answer
        bool keepAlive = false; ///< keep the connection open for the next request
        int trickleMs = 0;      ///< > 0: send the body one byte every this many ms
    };

    LoopbackHttpServer() {
        server_.listen(QHostAddress::LocalHost);
        QObject::connect(&server_, &QTcpServer::newConnection, this, [this] {
            while (QTcpSocket* socket = server_.nextPendingConnection())
                serve(socket);
        });
    }

    void route(const QByteArray& path, const Route& route) { routes_[path] = route; }
    /// What paths without a route get (by default a 404).
    void setFallback(const Route& route) { fallback_ = route; }
    QString baseUrl(const QString& folder) const {
        return QStringLiteral("http://127.0.0.1:%1/%2/").arg(server_.serverPort()).arg(folder);
    }
    quint16 port() const { return server_.serverPort(); }
    int requests() const { return requests_; }
    /// The request targets received, in order.
    const QList<QByteArray>& paths() const { return paths_; }
    /// Stops listening: later connections are refused.
    void close() { server_.close(); }

private:
    void serve(QTcpSocket* socket) {
        socket->setParent(this);
        QObject::connect(socket, &QTcpSocket::readyRead, this, [this, socket] {
            QByteArray& buffer = buffers_[socket];
            buffer += socket->readAll();
            // One request after the other on a kept-alive connection.
            for (qsizetype end = buffer.indexOf("\r\n\r\n"); end >= 0;
                 end = buffer.indexOf("\r\n\r\n")) {
                const QByteArray request = buffer.left(end + 4);
                buffer.remove(0, end + 4);
                if (!answer(socket, request))
                    return;
            }
        });
    }

    /// Answers one request; false when the connection is done with (closed, stalled, silent).
    bool answer(QTcpSocket* socket, const QByteArray& request) {
        ++requests_;
        const QByteArray path = request.split(' ').value(1);
        paths_.append(path);
        const Route route = routes_.value(path, fallback_);
        if (route.silent)
            return false;
        const qint64 length = route.declaredLength >= 0 ? route.declaredLength : route.body.size();
        QByteArray head = "HTTP/1.1 " + QByteArray::number(route.status) + ' ' +
                          reasonPhrase(route.status) + "\r\n";
        if (!route.contentType.isEmpty())
            head += "Content-Type: " + route.contentType + "\r\n";
        if (route.sendLength)
            head += "Content-Length: " + QByteArray::number(length) + "\r\n";
        for (const auto& [name, value] : route.headers)
            head += name + ": " + value + "\r\n";
        head += route.keepAlive ? "Connection: keep-alive\r\n\r\n" : "Connection: close\r\n\r\n";
        socket->write(head);
        if (route.stall) {
            socket->write(route.body.left(route.body.size() / 2));
            return false; // keep the connection open and silent
        }
        if (route.trickleMs > 0) {
            // Always progressing, never done in any reasonable time.
            auto* timer = new QTimer(socket);
            QObject::connect(timer, &QTimer::timeout, socket,
                             [socket, body = route.body, sent = qsizetype{0}]() mutable {
                                 if (sent < body.size())
                                     socket->write(body.mid(sent++, 1));
                             });
            timer->start(route.trickleMs);
            return false;
        }
        socket->write(route.body);
        socket->flush();
        if (route.keepAlive)
            return true;
        socket->disconnectFromHost();
        return false;
    }

    static QByteArray reasonPhrase(int status) {
        switch (status) {
        case 200:
            return "OK";
        case 301:
            return "Moved Permanently";
        case 302:
            return "Found";
        case 404:
            return "Not Found";
        case 500:
            return "Internal Server Error";
        default:
            return "Status";
        }
    }

    QTcpServer server_;
    QMap<QByteArray, Route> routes_;
    Route fallback_{404, "no such file\n"};
    QList<QByteArray> paths_;
    QMap<QTcpSocket*, QByteArray> buffers_;
    int requests_ = 0;
};
