// The protocol's messages are part of the quiz's interface: whoever hosts or joins speaks them.
@_exported import AtelierQuizProtocol
