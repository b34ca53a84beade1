#pragma once

#include <QByteArray>
#include <QHostAddress>
#include <QMap>
#include <QTcpServer>
#include <QTcpSocket>

/// A minimal HTTP/1.1 server on 127.0.0.1 for download tests: each path answers with a fixed
/// status and body. A route may declare more bytes than it sends and then hang up (a truncated
/// download), or send part of its body and then stall (for cancelling).
class LoopbackHttpServer : public QObject {
public:
    struct Route {
        int status = 200;
        QByteArray body;
        qint64 declaredLength = -1; ///< Content-Length to announce (-1: the body's size)
        bool stall = false;         ///< send half the body, then neither more nor close
    };

    LoopbackHttpServer() {
        server_.listen(QHostAddress::LocalHost);
        QObject::connect(&server_, &QTcpServer::newConnection, this, [this] {
            while (QTcpSocket* socket = server_.nextPendingConnection())
                serve(socket);
        });
    }

    void route(const QByteArray& path, const Route& route) { routes_[path] = route; }
    QString baseUrl(const QString& folder) const {
        return QStringLiteral("http://127.0.0.1:%1/%2/").arg(server_.serverPort()).arg(folder);
    }
    int requests() const { return requests_; }

private:
    void serve(QTcpSocket* socket) {
        socket->setParent(this);
        QObject::connect(socket, &QTcpSocket::readyRead, this, [this, socket] {
            buffers_[socket] += socket->readAll();
            const QByteArray& request = buffers_[socket];
            if (!request.contains("\r\n\r\n"))
                return;
            ++requests_;
            const QByteArray path = request.split(' ').value(1);
            const Route route = routes_.value(path, Route{404, "no such file\n"});
            const qint64 length =
                route.declaredLength >= 0 ? route.declaredLength : route.body.size();
            QByteArray head =
                "HTTP/1.1 " + QByteArray::number(route.status) +
                (route.status == 200 ? " OK" : " Not Found") +
                "\r\nContent-Type: text/csv\r\nContent-Length: " + QByteArray::number(length) +
                "\r\nConnection: close\r\n\r\n";
            socket->write(head);
            if (route.stall) {
                socket->write(route.body.left(route.body.size() / 2));
                return; // keep the connection open and silent
            }
            socket->write(route.body);
            socket->flush();
            socket->disconnectFromHost();
        });
    }

    QTcpServer server_;
    QMap<QByteArray, Route> routes_;
    QMap<QTcpSocket*, QByteArray> buffers_;
    int requests_ = 0;
};
