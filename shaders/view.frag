#version 330 core
// A texture over a rectangle: the before or the after (the wipe between them is a scissor, so each
// pixel reads one texture), a label, or, with u_loupe set, the loupe: a circle with a rim.
uniform sampler2D u_texture;
uniform int u_loupe;
uniform vec4 u_rim;  // colour of the loupe's rim
in vec2 v_uv;
out vec4 colour;

void main() {
    if (u_loupe != 0) {
        float r = length(v_uv - vec2(0.5)) * 2.0;
        if (r > 1.0) discard;
        colour = r > 0.97 ? u_rim : texture(u_texture, v_uv);
        return;
    }
    colour = texture(u_texture, v_uv);
}
